package io.shotload.run;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Response-time histograms as stored in run data: HdrHistogram's compressed encoding in Base64, the
 * same form as a line of an HdrHistogram interval log.
 */
public final class Histograms {

    /** Slowest response time recorded, in ms; longer values are clamped to it. One hour covers any timeout. */
    public static final long HIGHEST_TRACKABLE_MILLIS = 3_600_000;
    /** Three significant digits: a 2000 ms value is stored within 2 ms. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private Histograms() {}

    /** Creates an empty histogram for response times in milliseconds. */
    public static Histogram newMillisHistogram() {
        return new Histogram(1, HIGHEST_TRACKABLE_MILLIS, SIGNIFICANT_DIGITS);
    }

    /** Records one response time, clamped into the trackable range. */
    public static void recordMillis(Histogram histogram, long millis) {
        histogram.recordValue(Math.max(1, Math.min(HIGHEST_TRACKABLE_MILLIS, millis)));
    }

    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Decodes a stored histogram; {@code null} or blank gives an empty one. */
    public static Histogram decode(String base64, String fieldForErrors) {
        if (base64 == null || base64.isBlank()) {
            return newMillisHistogram();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64);
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), HIGHEST_TRACKABLE_MILLIS);
        } catch (IllegalArgumentException | DataFormatException | IndexOutOfBoundsException e) {
            throw new InvalidRunDataException("Corrupt run data: " + fieldForErrors
                    + " is not a Base64 compressed HdrHistogram (" + e.getMessage() + ").", e);
        }
    }
}

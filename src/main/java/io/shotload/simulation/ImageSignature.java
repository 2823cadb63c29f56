package io.shotload.simulation;

/** Recognises an image format from the first bytes of a body, as the simulation's check does. */
public final class ImageSignature {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    private ImageSignature() {}

    /** Returns {@code png}, {@code jpeg} or {@code unknown}. */
    public static String detect(byte[] body) {
        if (startsWith(body, PNG)) {
            return "png";
        }
        if (startsWith(body, JPEG)) {
            return "jpeg";
        }
        return "unknown";
    }

    private static boolean startsWith(byte[] body, byte[] prefix) {
        if (body == null || body.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (body[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

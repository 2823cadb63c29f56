package io.shotload.stub.mock;

import io.shotload.stub.capture.CaptureRequest;
import io.shotload.stub.capture.CaptureType;
import io.shotload.stub.capture.ImageFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encoded images for the mock backend, rendered once per (type, format, JPEG quality, size) and cached.
 *
 * <p>Sizes: a viewport image is {@code width x height}; a full page is {@code width x 3 height}
 * ({@link #FULL_PAGE_HEIGHT_FACTOR}); an element is {@code width/2 x 0.4 height} (rounded, at least 1).
 * An image of more than {@link #MAX_RENDERED_PIXELS} pixels is scaled down, keeping its aspect ratio,
 * until it fits, so a 10000x10000 full page does not need gigabytes. Such a response is smaller than
 * requested, and its {@code X-Image-Width} and {@code X-Image-Height} headers give the actual size.
 *
 * <p>No request encodes an image of its own: the first request of a new key renders it once on the
 * render thread (later requests of that key wait for the same future), and every other request gets
 * the cached bytes. The cache evicts least recently used images once it contains more than
 * {@link #MAX_CACHED_BYTES}. The images of every type and format at the default quality are rendered
 * when the catalog is created for the {@link #PRERENDERED_VIEWPORTS}, so a load test of common screen
 * sizes never waits for a render.
 *
 * <p>The images depend only on their key, so one catalog is shared by every server in a JVM.
 */
public final class ImageCatalog {

    /** Height of a full-page image as a multiple of the viewport height. */
    public static final int FULL_PAGE_HEIGHT_FACTOR = 3;
    /** Width of an element image as a fraction of the viewport width. */
    public static final double ELEMENT_WIDTH_FRACTION = 0.5;
    /** Height of an element image as a fraction of the viewport height. */
    public static final double ELEMENT_HEIGHT_FRACTION = 0.4;
    /** Largest image rendered; larger requested sizes are scaled down to fit. */
    public static final long MAX_RENDERED_PIXELS = 8_000_000;
    /** Maximum encoded bytes in the cache; beyond it the least recently used images are evicted. */
    public static final long MAX_CACHED_BYTES = 128L * 1024 * 1024;

    private final ExecutorService renderThread = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stub-image-render");
        thread.setDaemon(true);
        return thread;
    });
    private final LinkedHashMap<Key, CompletableFuture<EncodedImage>> cache = new LinkedHashMap<>(64, 0.75f, true);
    private long cachedBytes;

    /** The cache key: everything the encoded bytes depend on. Quality is 0 for PNG. */
    record Key(CaptureType type, ImageFormat format, int jpegQuality, int widthPixels, int heightPixels) {
    }

    /** An encoded image and its actual size. */
    public record EncodedImage(byte[] bytes, ImageFormat format, int widthPixels, int heightPixels) {
    }

    /**
     * Lazy holder of the shared catalog. The render thread calls static methods of {@link ImageCatalog}, so
     * the default images must not be rendered inside the initialisation of that class, or it deadlocks.
     */
    /**
     * Viewport sizes rendered at start-up, as {width, height}: the default desktop, full HD and a phone
     * (the sizes of the bundled screenshot jobs). Other sizes render on their first request.
     */
    public static final List<int[]> PRERENDERED_VIEWPORTS = List.of(
            new int[] {CaptureRequest.DEFAULT_WIDTH_PIXELS, CaptureRequest.DEFAULT_HEIGHT_PIXELS},
            new int[] {1920, 1080},
            new int[] {390, 844});

    private static final class Shared {
        static final ImageCatalog INSTANCE = new ImageCatalog();

        static {
            INSTANCE.renderDefaults();
        }
    }

    private ImageCatalog() {
    }

    private void renderDefaults() {
        List<CompletableFuture<EncodedImage>> defaults = new ArrayList<>();
        for (int[] viewport : PRERENDERED_VIEWPORTS) {
            for (CaptureType type : CaptureType.values()) {
                for (ImageFormat format : ImageFormat.values()) {
                    defaults.add(image(type, format, CaptureRequest.DEFAULT_JPEG_QUALITY, viewport[0], viewport[1]));
                }
            }
        }
        CompletableFuture.allOf(defaults.toArray(CompletableFuture[]::new)).join();
    }

    /** Returns the catalog shared by every server in this JVM, rendering the default images on first use. */
    public static ImageCatalog shared() {
        return Shared.INSTANCE;
    }

    /** Returns the image for a request, rendering it on the render thread the first time its key is seen. */
    public CompletableFuture<EncodedImage> image(
            CaptureType type, ImageFormat format, int jpegQuality, int viewportWidthPixels, int viewportHeightPixels) {
        int[] size = outputSize(type, viewportWidthPixels, viewportHeightPixels);
        Key key = new Key(type, format, format == ImageFormat.JPEG ? jpegQuality : 0, size[0], size[1]);
        CompletableFuture<EncodedImage> future;
        boolean created = false;
        synchronized (this) {
            future = cache.get(key);
            if (future == null) {
                future = new CompletableFuture<>();
                cache.put(key, future);
                created = true;
            }
        }
        if (created) {
            CompletableFuture<EncodedImage> target = future;
            renderThread.execute(() -> render(key, target));
        }
        return future;
    }

    /** Returns {@code {width, height}} of the image served for a viewport size, after any scaling down. */
    public static int[] outputSize(CaptureType type, int viewportWidthPixels, int viewportHeightPixels) {
        long width = viewportWidthPixels;
        long height = viewportHeightPixels;
        switch (type) {
            case VIEWPORT -> { }
            case FULL_PAGE -> height = (long) viewportHeightPixels * FULL_PAGE_HEIGHT_FACTOR;
            case ELEMENT -> {
                width = Math.max(1, Math.round(viewportWidthPixels * ELEMENT_WIDTH_FRACTION));
                height = Math.max(1, Math.round(viewportHeightPixels * ELEMENT_HEIGHT_FRACTION));
            }
        }
        if (width * height > MAX_RENDERED_PIXELS) {
            double scale = Math.sqrt((double) MAX_RENDERED_PIXELS / (width * height));
            width = Math.max(1, (long) Math.floor(width * scale));
            height = Math.max(1, (long) Math.floor(height * scale));
        }
        return new int[] {(int) width, (int) height};
    }

    private void render(Key key, CompletableFuture<EncodedImage> target) {
        try {
            BufferedImage image = PageRenderer.render(key.type(), key.widthPixels(), key.heightPixels());
            byte[] bytes = encode(image, key.format(), key.jpegQuality());
            EncodedImage encoded = new EncodedImage(bytes, key.format(), key.widthPixels(), key.heightPixels());
            synchronized (this) {
                cachedBytes += bytes.length;
                evictOverBudget(key);
            }
            target.complete(encoded);
        } catch (RuntimeException | IOException e) {
            synchronized (this) {
                cache.remove(key);
            }
            target.completeExceptionally(e);
        }
    }

    /** Evicts finished images, least recently used first, until the cache fits; keeps {@code newest}. */
    private void evictOverBudget(Key newest) {
        Iterator<Map.Entry<Key, CompletableFuture<EncodedImage>>> entries = cache.entrySet().iterator();
        while (cachedBytes > MAX_CACHED_BYTES && entries.hasNext()) {
            Map.Entry<Key, CompletableFuture<EncodedImage>> entry = entries.next();
            CompletableFuture<EncodedImage> future = entry.getValue();
            if (!entry.getKey().equals(newest) && future.isDone() && !future.isCompletedExceptionally()) {
                cachedBytes -= future.join().bytes().length;
                entries.remove();
            }
        }
    }

    private static byte[] encode(BufferedImage image, ImageFormat format, int jpegQuality) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format.wireName()).next();
        try (MemoryCacheImageOutputStream output = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(output);
            ImageWriteParam parameters = writer.getDefaultWriteParam();
            if (format == ImageFormat.JPEG) {
                parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                parameters.setCompressionQuality(jpegQuality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), parameters);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}

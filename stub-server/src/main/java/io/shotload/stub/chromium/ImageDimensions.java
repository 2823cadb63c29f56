package io.shotload.stub.chromium;

/** Reads the pixel size from a PNG or JPEG header without decoding the image. */
final class ImageDimensions {

    private ImageDimensions() {
    }

    /** Returns {width, height}, or {0, 0} when the header is not a PNG or baseline/progressive JPEG. */
    static int[] read(byte[] image) {
        if (image.length >= 24 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G') {
            // The IHDR chunk follows the 8-byte signature: length, type, then width and height.
            return new int[] {readInt(image, 16), readInt(image, 20)};
        }
        if (image.length >= 4 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8) {
            return readJpeg(image);
        }
        return new int[] {0, 0};
    }

    private static int[] readJpeg(byte[] image) {
        int offset = 2;
        while (offset + 9 < image.length) {
            if ((image[offset] & 0xff) != 0xff) {
                return new int[] {0, 0};
            }
            int marker = image[offset + 1] & 0xff;
            int length = ((image[offset + 2] & 0xff) << 8) | (image[offset + 3] & 0xff);
            boolean startOfFrame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8
                    && marker != 0xcc;
            if (startOfFrame) {
                int height = ((image[offset + 5] & 0xff) << 8) | (image[offset + 6] & 0xff);
                int width = ((image[offset + 7] & 0xff) << 8) | (image[offset + 8] & 0xff);
                return new int[] {width, height};
            }
            offset += 2 + length;
        }
        return new int[] {0, 0};
    }

    private static int readInt(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16)
                | ((bytes[offset + 2] & 0xff) << 8) | (bytes[offset + 3] & 0xff);
    }
}

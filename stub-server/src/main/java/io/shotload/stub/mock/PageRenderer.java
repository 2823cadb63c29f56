package io.shotload.stub.mock;

import io.shotload.stub.capture.CaptureType;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.SplittableRandom;

/**
 * Draws a synthetic web page: a header bar, text-like lines, cards and a photo-like block with
 * low-amplitude noise. The noise keeps PNG sizes closer to real screenshots than flat colours would
 * (a 1280x720 PNG is a few hundred KB). The drawing depends only on the size and capture type, never on
 * the URL, so one rendering serves every request of that size.
 */
final class PageRenderer {

    private static final Color BACKGROUND = new Color(0xF7F8FA);
    private static final Color HEADER = new Color(0x1F3A5F);
    private static final Color TEXT = new Color(0x9AA3AE);
    private static final Color CARD = new Color(0xFFFFFF);
    private static final Color CARD_BORDER = new Color(0xD9DEE5);
    private static final long NOISE_SEED = 0x5EED;

    private PageRenderer() {
    }

    static BufferedImage render(CaptureType type, int widthPixels, int heightPixels) {
        BufferedImage image = new BufferedImage(widthPixels, heightPixels, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setColor(BACKGROUND);
            graphics.fillRect(0, 0, widthPixels, heightPixels);
            if (type == CaptureType.ELEMENT) {
                drawCard(graphics, 0, 0, widthPixels, heightPixels);
            } else {
                drawPage(graphics, widthPixels, heightPixels);
            }
        } finally {
            graphics.dispose();
        }
        addPhotoNoise(image);
        return image;
    }

    private static void drawPage(Graphics2D graphics, int width, int height) {
        int headerHeight = Math.max(1, Math.min(80, height / 9));
        graphics.setColor(HEADER);
        graphics.fillRect(0, 0, width, headerHeight);

        int margin = Math.max(1, width / 20);
        int sectionHeight = Math.max(8, Math.min(height, 720) / 2);
        for (int top = headerHeight + margin / 2; top < height; top += sectionHeight) {
            int heroWidth = (width - 3 * margin) / 2;
            drawPhoto(graphics, margin, top, heroWidth, sectionHeight - margin);
            drawTextLines(graphics, 2 * margin + heroWidth, top, heroWidth, sectionHeight - margin);
        }
    }

    private static void drawCard(Graphics2D graphics, int left, int top, int width, int height) {
        graphics.setColor(CARD);
        graphics.fillRect(left, top, width, height);
        graphics.setColor(CARD_BORDER);
        graphics.drawRect(left, top, Math.max(0, width - 1), Math.max(0, height - 1));
        int inset = Math.max(1, Math.min(width, height) / 12);
        drawPhoto(graphics, left + inset, top + inset, width - 2 * inset, (height - 2 * inset) / 2);
        drawTextLines(graphics, left + inset, top + height / 2 + inset, width - 2 * inset, height / 2 - 2 * inset);
    }

    private static void drawPhoto(Graphics2D graphics, int left, int top, int width, int height) {
        if (width <= 0 || height <= 0) {
            return;
        }
        graphics.setPaint(new GradientPaint(left, top, new Color(0x6A9FD4), left + width, top + height, new Color(0xE8B27A)));
        graphics.fillRect(left, top, width, height);
    }

    private static void drawTextLines(Graphics2D graphics, int left, int top, int width, int height) {
        int lineHeight = Math.max(2, Math.min(24, height / 8));
        graphics.setColor(TEXT);
        int line = 0;
        for (int y = top; y + lineHeight / 2 < top + height; y += lineHeight) {
            int length = width - (line % 3) * width / 5;
            graphics.fillRect(left, y, Math.max(1, length), Math.max(1, lineHeight / 2));
            line++;
        }
    }

    /** Adds +-3 levels of deterministic noise to every pixel that is not background or text grey. */
    private static void addPhotoNoise(BufferedImage image) {
        SplittableRandom random = new SplittableRandom(NOISE_SEED);
        int background = BACKGROUND.getRGB();
        int text = TEXT.getRGB();
        int width = image.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < image.getHeight(); y++) {
            image.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int rgb = row[x];
                if (rgb != background && rgb != text) {
                    int delta = random.nextInt(7) - 3;
                    row[x] = shift(rgb, 16, delta) | shift(rgb, 8, delta) | shift(rgb, 0, delta);
                }
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
    }

    private static int shift(int rgb, int bitOffset, int delta) {
        int channel = ((rgb >> bitOffset) & 0xFF) + delta;
        return Math.max(0, Math.min(255, channel)) << bitOffset;
    }
}

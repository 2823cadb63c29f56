package io.shotload.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageSignatureTest {

    @Test
    void encodedImagesAreRecognised() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);

        assertThat(ImageSignature.detect(encode(image, "png"))).isEqualTo("png");
        assertThat(ImageSignature.detect(encode(image, "jpeg"))).isEqualTo("jpeg");
    }

    @Test
    void otherBodiesAreUnknown() {
        assertThat(ImageSignature.detect("{\"error\":\"capture_failed\"}".getBytes())).isEqualTo("unknown");
        assertThat(ImageSignature.detect(new byte[] {(byte) 0x89, 'P'})).isEqualTo("unknown");
        assertThat(ImageSignature.detect(null)).isEqualTo("unknown");
    }

    private static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }
}

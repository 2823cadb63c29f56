package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScreenshotImageTest {

    private static StubServer server;
    private static StubClient client;

    @BeforeAll
    static void startServer() {
        server = TestServers.start("{" + TestServers.constantMock(200, 0, 0, 0.01) + "}");
        client = new StubClient(server);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            default viewport png       |                                          | image/png  | 1280 | 720
            default viewport jpeg      | format=jpeg                              | image/jpeg | 1280 | 720
            full hd viewport           | width=1920&height=1080                   | image/png  | 1920 | 1080
            laptop viewport jpeg       | width=1366&height=768&format=jpeg&quality=60 | image/jpeg | 1366 | 768
            phone viewport             | width=375&height=667                     | image/png  | 375  | 667
            full page is 3x taller     | type=full_page                           | image/png  | 1280 | 2160
            full page jpeg             | type=full_page&format=jpeg&width=800&height=600 | image/jpeg | 800 | 1800
            element is smaller         | type=element&selector=%23hero            | image/png  | 640  | 288
            element tiny viewport      | type=element&selector=div&width=1&height=1 | image/png  | 1    | 1
            huge full page scaled down | type=full_page&width=10000&height=10000  | image/png  | 1632 | 4898
            """)
    void imageDecodesWithExpectedSize(String caseName, String query, String contentType, int width, int height)
            throws IOException {
        HttpResponse<byte[]> response = client.screenshot(query == null ? "" : query);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(contentType);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image).as("decodable image").isNotNull();
        assertThat(image.getWidth()).isEqualTo(width);
        assertThat(image.getHeight()).isEqualTo(height);
        assertThat(response.headers().firstValue("X-Image-Width")).hasValue(Integer.toString(width));
        assertThat(response.headers().firstValue("X-Image-Height")).hasValue(Integer.toString(height));
    }

    @Test
    void postReturnsSameImageAsGet() {
        HttpResponse<byte[]> viaGet = client.screenshot("type=element&selector=main&format=jpeg&quality=70");
        HttpResponse<byte[]> viaPost = client.post("/screenshot", """
                {"url": "https://example.com/page", "type": "element", "selector": "main",
                 "format": "jpeg", "quality": 70}""");

        assertThat(viaPost.statusCode()).isEqualTo(200);
        assertThat(viaPost.body()).isEqualTo(viaGet.body());
    }

    @Test
    void successCarriesTimingAndRequestId() {
        HttpResponse<byte[]> response = client.screenshot("");

        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Server-Timing").orElseThrow())
                .matches("queue;dur=\\d+\\.\\d, capture;dur=\\d+\\.\\d");
        assertThat(StubClient.captureMillis(response)).isGreaterThanOrEqualTo(2.0 * 0.9);
    }

    @Test
    void jpegQualityChangesBytes() {
        HttpResponse<byte[]> low = client.screenshot("format=jpeg&quality=10");
        HttpResponse<byte[]> high = client.screenshot("format=jpeg&quality=95");

        assertThat(low.body().length).isLessThan(high.body().length);
    }
}

package io.shotload.stub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScreenshotValidationTest {

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

    @ParameterizedTest(name = "GET {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            url missing          | type=viewport                              | url      | NULL               | an absolute http or https URL with a host, at most 2048 characters | Field 'url' is required.
            url ftp              | url=ftp://example.com/                     | url      | ftp://example.com/ | an absolute http or https URL with a host, at most 2048 characters | Field 'url' must use http or https, not 'ftp'.
            url relative         | url=/just/a/path                           | url      | /just/a/path       | an absolute http or https URL with a host, at most 2048 characters | Field 'url' must use http or https, not 'no scheme'.
            url without host     | url=https:///path                          | url      | https:///path      | an absolute http or https URL with a host, at most 2048 characters | Field 'url' has no host.
            url malformed        | url=http://exa%20mple.com/   | url      | http://exa mple.com/ | an absolute http or https URL with a host, at most 2048 characters | Field 'url' is not a valid URL: Illegal character in authority at index ...
            unknown type         | url=https://a.example/&type=pdf            | type     | pdf                | viewport, full_page, element                        | Unknown capture type 'pdf'.
            unknown format       | url=https://a.example/&format=gif          | format   | gif                | png, jpeg                                           | Unknown image format 'gif'.
            element no selector  | url=https://a.example/&type=element        | selector | NULL               | a CSS selector of 1..1024 characters, with type=element only | Field 'selector' is required with type=element.
            selector on viewport | url=https://a.example/&selector=%23main    | selector | #main              | a CSS selector of 1..1024 characters, with type=element only | Field 'selector' is only valid with type=element, not type=viewport.
            width zero           | url=https://a.example/&width=0             | width    | 0                  | an integer 1..10000                                 | Field 'width' = 0 is out of range; expected 1..10000.
            width too large      | url=https://a.example/&width=10001         | width    | 10001              | an integer 1..10000                                 | Field 'width' = 10001 is out of range; expected 1..10000.
            height not a number  | url=https://a.example/&height=tall         | height   | tall               | an integer 1..10000                                 | Field 'height' is not an integer.
            quality too high     | url=https://a.example/&format=jpeg&quality=101 | quality | 101              | an integer 1..100                                   | Field 'quality' = 101 is out of range; expected 1..100.
            unknown parameter    | url=https://a.example/&zoom=2              | zoom     | 2                  | one of url, type, selector, format, quality, width, height | Unknown field 'zoom'.
            repeated parameter   | url=https://a.example/&width=1&width=2     | width    | 1,2                | a single value                                      | Field 'width' was given 2 times; give it once.
            """)
    void invalidQueryIsRejected(String caseName, String query, String field, String value, String allowed, String message) {
        HttpResponse<byte[]> response = client.get("/screenshot?" + query);

        assertInvalid(response, field, value, allowed, message);
    }

    @ParameterizedTest(name = "POST {0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            malformed JSON       | {"url": "https://a.example/"                      | body     | {"url": "https://a.example/" | a JSON object with the fields url, type, selector, format, quality, width, height | Malformed JSON body: Unexpected end-of-input: expected close marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` disabled); line: 1, column: 1]).
            array body           | [1, 2]                                            | body     | [1,2]              | a JSON object with the fields url, type, selector, format, quality, width, height | The request body must be a JSON object.
            unknown field        | {"url": "https://a.example/", "delay": 5}         | delay    | 5                  | one of url, type, selector, format, quality, width, height | Unknown field 'delay'.
            width as string      | {"url": "https://a.example/", "width": "800"}     | width    | "800"              | an integer 1..10000                                 | Field 'width' must be a JSON integer.
            height fractional    | {"url": "https://a.example/", "height": 7.5}      | height   | 7.5                | an integer 1..10000                                 | Field 'height' must be a JSON integer.
            url as number        | {"url": 5}                                        | url      | 5                  | a JSON string                                       | Field 'url' must be a JSON string.
            url missing          | {"type": "viewport"}                              | url      | NULL               | an absolute http or https URL with a host, at most 2048 characters | Field 'url' is required.
            url javascript       | {"url": "javascript:alert(1)"}                    | url      | javascript:alert(1) | an absolute http or https URL with a host, at most 2048 characters | Field 'url' must use http or https, not 'javascript'.
            height zero          | {"url": "https://a.example/", "height": 0}        | height   | 0                  | an integer 1..10000                                 | Field 'height' = 0 is out of range; expected 1..10000.
            element no selector  | {"url": "https://a.example/", "type": "element"}  | selector | NULL               | a CSS selector of 1..1024 characters, with type=element only | Field 'selector' is required with type=element.
            duplicate field      | {"url": "https://a.example/", "url": "https://b.example/"} | body | {"url": "https://a.example/", "url": "https://b.example/"} | a JSON object with the fields url, type, selector, format, quality, width, height | Malformed JSON body: Duplicate field 'url'.
            """)
    void invalidJsonBodyIsRejected(String caseName, String body, String field, String value, String allowed, String message) {
        HttpResponse<byte[]> response = client.post("/screenshot", body);

        assertInvalid(response, field, value, allowed, message);
    }

    @Test
    void oversizedBodyGets413() {
        String body = "{\"url\": \"https://a.example/\", \"selector\": \"" + "x".repeat(70_000) + "\"}";

        HttpResponse<byte[]> response = client.post("/screenshot", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(StubClient.json(response).path("error").asText()).isEqualTo("body_too_large");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    void unknownPathGets404WithHeaders() {
        HttpResponse<byte[]> response = client.get("/screenshots");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(StubClient.json(response).path("error").asText()).isEqualTo("not_found");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Server-Timing")).hasValue("queue;dur=0.0, capture;dur=0.0");
    }

    @Test
    void wrongMethodGets405() {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(server.baseUrl().resolve("/screenshot"))
                .DELETE().build());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(StubClient.json(response).path("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void clientRequestIdIsEchoed() {
        HttpResponse<byte[]> response = client.send(HttpRequest.newBuilder(client.screenshotUri(""))
                .header("X-Request-Id", "load-test.42")
                .GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("load-test.42");
    }

    @Test
    void generatedRequestIdsDiffer() {
        String first = client.get("/health").headers().firstValue("X-Request-Id").orElseThrow();
        String second = client.get("/health").headers().firstValue("X-Request-Id").orElseThrow();

        assertThat(first).isNotEqualTo(second);
    }

    private static void assertInvalid(
            HttpResponse<byte[]> response, String field, String value, String allowed, String message) {
        JsonNode body = StubClient.json(response);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(body.path("error").asText()).isEqualTo("invalid_request");
        assertThat(body.path("field").asText()).isEqualTo(field);
        if (value == null) {
            assertThat(body.path("value").isNull()).as("value is JSON null").isTrue();
        } else {
            assertThat(body.path("value").asText()).isEqualTo(value);
        }
        assertThat(body.path("allowed").asText()).isEqualTo(allowed);
        if (message.endsWith("...")) {
            // The JDK's URISyntaxException text differs between versions after this prefix.
            assertThat(body.path("message").asText()).startsWith(message.substring(0, message.length() - 3));
        } else {
            assertThat(body.path("message").asText()).isEqualTo(message);
        }
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(response.headers().firstValue("Server-Timing")).hasValue("queue;dur=0.0, capture;dur=0.0");
    }
}

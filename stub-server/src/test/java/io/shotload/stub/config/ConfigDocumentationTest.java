package io.shotload.stub.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Keeps the config table of the stub README equal to the field descriptors. */
class ConfigDocumentationTest {

    private static final Path README = Path.of("stub-server", "README.md");

    @Test
    void readmeTableMatchesFieldConstants() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);

        assertThat(readme).as("README config table; regenerate it from this expected text").contains(markdownTable());
    }

    /** Returns the Markdown table of every config field: path, default, allowed values and meaning. */
    static String markdownTable() {
        StringBuilder table = new StringBuilder();
        table.append("| Field | Default | Allowed | Meaning |\n");
        table.append("|---|---|---|---|\n");
        for (ConfigField field : StubConfig.fields()) {
            table.append("| `").append(field.path()).append("` | ").append(field.defaultText()).append(" | ")
                    .append(field.allowedText()).append(" | ").append(field.description()).append(" |\n");
        }
        return table.toString();
    }
}

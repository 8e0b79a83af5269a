package org.salientsi.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.salientsi.api.error.InvalidInputException;

/** The body-to-answer layer of {@code POST /v1/test} on its own: the JSON limits and the catch-all. */
class TestEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static byte[] withImage(String image) {
        return ("{\"model\": \"model_8\", \"sigma\": 1, \"image\": " + image + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void jsonNestedExactly1000LevelsPassesTheJsonLimitAnd1001DoNot() {
        TestEndpoint e = new TestEndpoint(null, JSON, 1 << 20, 1 << 20);
        // the body object is level 1: an image nested 999 deep makes 1000 levels, refused by the array reader
        assertThatThrownBy(() -> e.parse(withImage("[".repeat(999) + "1" + "]".repeat(999))))
                .isInstanceOf(InvalidInputException.class).hasMessage("image is nested deeper than 8 levels");
        assertThatThrownBy(() -> e.parse(withImage("[".repeat(1000) + "1" + "]".repeat(1000))))
                .isInstanceOf(InvalidInputException.class).hasMessage("the request body exceeds a limit: Document "
                        + "nesting depth (1001) exceeds the maximum allowed (1000)");
    }

    /** A failure inside the test (here: no models at all) is still answered, 500 in the error shape. */
    @Test
    void anInternalFailureIsAnswered500() throws IOException {
        TestEndpoint e = new TestEndpoint(null, JSON, 1 << 20, 1 << 20);
        TestEndpoint.Answer a = e.answer(ServeFixture.validRequest().toString().getBytes(StandardCharsets.UTF_8));
        assertThat(a.status()).isEqualTo(500);
        JsonNode j = JSON.readTree(a.json());
        assertThat(j.get("detail").asText()).startsWith("internal error (NullPointerException)");
        assertThat(j.get("error_kind").asText()).isEqualTo("internal");
        assertThat(j.get("type").asText()).isEqualTo("/problems/internal");
        assertThat(j.size()).isEqualTo(5);
    }
}

package org.salientsi.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.salientsi.api.error.InvalidInputException;
import org.salientsi.api.result.ComponentTests;
import org.salientsi.api.result.SelectiveResult;
import org.salientsi.core.engine.TestEngine;
import org.salientsi.core.multiplicity.ComponentFamily;
import org.salientsi.facade.ErrorMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/test} without HTTP: the bytes of a request body to its answer, a status and a JSON
 * object. The body is parsed under limits checked while it streams, before the tree they would
 * allocate exists: nesting depth at most {@link ServeLimits#MAX_JSON_DEPTH}, numbers of at most
 * {@link ServeLimits#MAX_JSON_NUMBER_LENGTH} characters, names of at most
 * {@link ServeLimits#MAX_JSON_NAME_LENGTH}, a bounded number of tokens; a duplicated field and text
 * after the object are refused. Answers: 200 with the result; else a {@link Problem}: 400 for bad input (the
 * command line's one-line message with options named as the request's fields, {@code bad-input}); 422 for a
 * numerical breakdown; 503 when the test ran out of memory ({@code unavailable}: retry later or send less); 500
 * for any other failure ({@code internal}). Never throws: every body gets an answer. Thread-safe.
 */
final class TestEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TestEndpoint.class);

    /**
     * An answer.
     *
     * @param status the HTTP status
     * @param json the JSON body (UTF-8): the result, or the problem document without its request's path and id
     * @param problem the failure, or {@code null} for a result
     */
    record Answer(int status, byte[] json, Problem problem) {

        /**
         * @param status the HTTP status
         * @param json the JSON body of a result
         */
        Answer(int status, byte[] json) {
            this(status, json, null);
        }
    }

    /** Written before it is needed: answering an out-of-memory failure must not need memory. */
    private static final Answer OUT_OF_MEMORY = problem(new ObjectMapper(), new Problem(503, ProblemType.UNAVAILABLE,
            "the server ran out of memory for this request; retry later, or send a smaller one"));

    private final ModelCatalog catalog;
    private final ObjectMapper json;
    private final ObjectMapper reader;

    /**
     * @param catalog the models
     * @param json the mapper that writes results (the command line's)
     * @param maxBodyBytes the largest body (the longest document and string)
     * @param maxJsonTokens the most JSON tokens a body may have
     */
    TestEndpoint(ModelCatalog catalog, ObjectMapper json, long maxBodyBytes, long maxJsonTokens) {
        this.catalog = catalog;
        this.json = json;
        this.reader = reader(maxBodyBytes, maxJsonTokens);
    }

    /**
     * The mapper that reads request bodies: the limits above, {@code NaN} and {@code Infinity} read as
     * numbers (so that a non-finite pixel gets the command line's message), duplicate fields and
     * trailing text refused.
     */
    static ObjectMapper reader(long maxBodyBytes, long maxJsonTokens) {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(ServeLimits.MAX_JSON_DEPTH)
                .maxNumberLength(ServeLimits.MAX_JSON_NUMBER_LENGTH)
                .maxNameLength(ServeLimits.MAX_JSON_NAME_LENGTH)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxBodyBytes))
                .maxDocumentLength(maxBodyBytes)
                .maxTokenCount(maxJsonTokens)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        return JsonMapper.builder(factory).build();
    }

    /**
     * @param body a request body
     * @return the request it holds
     * @throws InvalidInputException if it is not JSON within the limits, or not a valid request
     */
    TestRequest parse(byte[] body) {
        JsonNode node;
        try (JsonParser parser = reader.createParser(body)) {
            node = reader.readTree(parser);
            if (node != null && parser.nextToken() != null) {
                throw new InvalidInputException("the request body is not valid JSON: text after the JSON object, at "
                        + "byte " + parser.currentTokenLocation().getByteOffset());
            }
        } catch (StreamConstraintsException e) {
            throw new InvalidInputException("the request body exceeds a limit: " + limitMessage(e));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the request body is not valid JSON: "
                    + e.getOriginalMessage().replace('\n', ' ').replace('\r', ' '));
        } catch (IOException e) {
            throw new InvalidInputException("the request body could not be read: " + e.getMessage());
        }
        return TestRequest.parse(node);
    }

    /**
     * Runs the test a body asks for.
     *
     * @param body a request body
     * @return its answer; never throws
     */
    Answer answer(byte[] body) {
        try {
            TestRequest request = parse(body);
            TestEngine runner = catalog.runner(request.model(), request.settings());
            if (request.components() != null) {
                ComponentTests parts = runner.testComponents(request.image(), request.references(),
                        request.components());
                parts = new ComponentTests(parts.result().withImage(request.imageName()), parts.connectivity(),
                        parts.minComponentSize(), parts.components());
                parts = ComponentFamily.adjust(List.of(parts), request.fdr()).get(0);
                return new Answer(200, json.writeValueAsBytes(parts));
            }
            SelectiveResult r = runner.test(request.image(), request.references()).withImage(request.imageName());
            return new Answer(200, json.writeValueAsBytes(r));
        } catch (OutOfMemoryError e) {
            LOG.warn("a test request ran out of memory; answered 503");
            return OUT_OF_MEMORY;
        } catch (RuntimeException | IOException e) {
            ErrorMessages.Kind kind = ErrorMessages.kind(e);
            if (kind == ErrorMessages.Kind.INTERNAL) {
                LOG.error("internal failure of a test request", e);
            }
            String detail = ErrorMessages.message(e, ErrorMessages.Wording.HTTP);
            return problem(json, switch (kind) {
                case BAD_INPUT -> new Problem(400, ProblemType.BAD_INPUT, detail);
                case NUMERICAL -> new Problem(422, ProblemType.NUMERICAL, detail);
                default -> new Problem(500, ProblemType.INTERNAL, detail);
            });
        } catch (Throwable e) { // an Error other than out of memory: still answered
            LOG.error("internal failure of a test request", e);
            return problem(json, new Problem(500, ProblemType.INTERNAL,
                    "internal error (" + e.getClass().getSimpleName() + ")"));
        }
    }

    /**
     * @param mapper the mapper that writes it
     * @param p a failure
     * @return its answer, whose body lacks the request's path and id (the server adds them)
     */
    static Answer problem(ObjectMapper mapper, Problem p) {
        return new Answer(p.status(), p.json(mapper, null, null), p);
    }

    /** Jackson's message without the name of its own setting. */
    private static String limitMessage(StreamConstraintsException e) {
        return e.getOriginalMessage().replaceAll(",? *from `[^`]*`", "").replace('\n', ' ');
    }
}

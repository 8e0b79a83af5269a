package org.salientsi.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives by itself (a request it cannot parse: 400; headers too large: 431; a
 * failure outside the service's handler) in the service's error shape,
 * {@code {"error": ..., "error_kind": ...}}, instead of Jetty's HTML page: {@code bad-input} for a
 * 4xx status, {@code internal} otherwise. No stack trace, no server name.
 */
final class JsonErrorPages implements Request.Handler {

    private final ObjectMapper json;

    /**
     * @param json the mapper that writes the answers
     */
    JsonErrorPages(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException h) {
            status = h.getCode();
            response.setStatus(status);
            if (message == null) {
                message = h.getReason();
            }
        }
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        String text = message != null ? message.toString() : HttpStatus.getMessage(status);
        text = "HTTP " + status + " " + HttpStatus.getMessage(status)
                + (text.equals(HttpStatus.getMessage(status)) ? "" : ": " + text.replace('\n', ' ').replace('\r', ' '));
        byte[] body = TestEndpoint.errorJson(json, text, status < 500 ? "bad-input" : "internal");
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

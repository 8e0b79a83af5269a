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
 * failure outside the service's handler) as the service's problem documents ({@link Problem}) instead of
 * Jetty's HTML page, with an {@code X-Request-Id}. No stack trace, no server name.
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
        String id = response.getHeaders().get(RequestIds.HEADER);
        if (id == null) {
            id = RequestIds.of(request.getHeaders().get(RequestIds.HEADER));
            response.getHeaders().put(RequestIds.HEADER, id);
        }
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        if (status < 400) { // an error page for a status that is not an error: say it as an internal failure
            status = 500;
            response.setStatus(status);
        }
        byte[] body = Problem.of(status, text).json(json, path, id);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.MEDIA_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}

package org.salientsi.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 by hand over a socket, for what a well-behaved client library will not send: malformed
 * requests, lying lengths, bodies that stop halfway, bytes one at a time.
 */
final class RawHttp implements AutoCloseable {

    /**
     * An answer read off the wire.
     *
     * @param status the status code
     * @param head the status line and headers
     * @param body the body (as many bytes as Content-Length says)
     */
    record Answer(int status, String head, String body) {
        ServeFixture.Response response() {
            return new ServeFixture.Response(status, body);
        }

        @Override
        public String toString() {
            return head + "\n" + body;
        }
    }

    private final Socket socket;

    /**
     * @param port a loopback port
     * @param readTimeoutMillis how long a read may wait before it fails
     */
    RawHttp(int port, int readTimeoutMillis) {
        try {
            socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(readTimeoutMillis);
            socket.setTcpNoDelay(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Socket socket() {
        return socket;
    }

    /**
     * @param text bytes to send (ISO-8859-1)
     * @return this
     */
    RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param path the path
     * @param body the JSON body
     * @return a complete POST with a Content-Length
     */
    static String post(String path, String body) {
        return "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    /**
     * Reads one answer.
     *
     * @return the answer
     * @throws UncheckedIOException if the connection closes or the read times out first
     */
    Answer read() {
        try {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int state = 0;
            while (state < 4) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("connection closed after " + head.size() + " bytes: " + head);
                }
                head.write(b);
                state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
                        ? state + 1 : 0;
            }
            String h = head.toString(StandardCharsets.ISO_8859_1);
            int status = Integer.parseInt(h.substring(9, 12));
            int length = 0;
            for (String line : h.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return new Answer(status, h.strip(), new String(body, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits for the server to close the connection.
     *
     * @return whether it closed (end of stream or reset) before the read timeout
     */
    boolean closedByServer() {
        try {
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // drain whatever the server sent before closing
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing a test socket: nothing to do
        }
    }
}

package dev.warden.server.api.v1;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's error page for requests no route answers: those Jetty rejects before routing (a bad
 * request line or URI, bad percent-encoding, {@code %00}, headers too large, a bad Host, broken body
 * framing, an HTTP version it does not speak) and servlet errors outside the API's own handlers.
 * Writes the API's error form {@code {"error": "<snake_case>", "message": "..."}} with the status
 * Jetty chose, whatever the method and {@code Accept} header, instead of Jetty's HTML page.
 *
 * <p>Install it as the server's error handler and as the servlet context's (a context's own
 * handler is asked first).
 */
public final class JsonErrorHandler implements Request.Handler {
    private static final String SERVLET_STATUS = "jakarta.servlet.error.status_code";
    private static final String SERVLET_MESSAGE = "jakarta.servlet.error.message";
    private static final String SERVLET_EXCEPTION = "jakarta.servlet.error.exception";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        Throwable cause = attribute(request, ErrorHandler.ERROR_EXCEPTION, SERVLET_EXCEPTION, Throwable.class);
        String message = attribute(request, ErrorHandler.ERROR_MESSAGE, SERVLET_MESSAGE, String.class);
        int status = response.getStatus();
        Integer servletStatus = attribute(request, ErrorHandler.ERROR_STATUS, SERVLET_STATUS, Integer.class);
        if (status < 400 && servletStatus != null) {
            status = servletStatus;
        }
        HttpException http = httpCause(cause);
        if (http != null && http.getCode() >= 400) {
            status = http.getCode();
            if (message == null || message.equalsIgnoreCase(HttpStatus.getMessage(status))) {
                message = reason(http);
            }
        }
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500; // an error page for a success would hide the failure
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        if (HttpStatus.hasNoBody(status) || HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
            return true;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", Responses.code(status));
        body.put("message", describe(status, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(Json.write(body).getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /**
     * Jetty's reason, or when that is only the status phrase ({@code Bad Request}) the parser's own
     * complaint below it ({@code Illegal character in path}, {@code Bad URI % encoding}).
     */
    private static String reason(HttpException http) {
        String reason = http.getReason();
        if (reason != null && !reason.equalsIgnoreCase(HttpStatus.getMessage(http.getCode()))) {
            return reason;
        }
        for (Throwable c = ((Throwable) http).getCause(); c != null; c = c.getCause()) {
            if (c instanceof NumberFormatException) {
                return "bad percent-encoding";
            }
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                String m = c.getMessage().strip();
                return m.length() > 200 ? m.substring(0, 200) + "..." : m;
            }
        }
        return reason;
    }

    /**
     * The message for the client: Jetty's reason when it says more than the status phrase does
     * (e.g. {@code Illegal character CNTL=0x1}, {@code No Host}), else what the status means here.
     */
    public static String describe(int status, String reason) {
        String phrase = HttpStatus.getMessage(status);
        boolean specific = reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(phrase)
                && !reason.equals(Integer.toString(status));
        String what = switch (status) {
            case 400 -> specific ? "malformed request"
                    : "malformed request (request line, URI, percent-encoding, headers or body framing)";
            case 404 -> "no such endpoint";
            case 413 -> "request body too large";
            case 414 -> "request URI too long";
            case 431 -> "request headers too large";
            case 505 -> "HTTP version not supported; send HTTP/1.1";
            default -> status >= 500 ? "internal error; see the server log" : phrase;
        };
        return specific && status < 500 ? what + ": " + reason : what;
    }

    /**
     * The first {@link HttpException} in a cause chain: how Jetty reports a request it cannot read
     * (broken chunking, early EOF, a bad URI) with the status that goes with it; null if none.
     */
    public static HttpException httpCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HttpException h) {
                return h;
            }
        }
        return null;
    }

    private static <T> T attribute(Request request, String jetty, String servlet, Class<T> type) {
        Object v = request.getAttribute(jetty);
        if (!type.isInstance(v)) {
            v = request.getAttribute(servlet);
        }
        return type.isInstance(v) ? type.cast(v) : null;
    }
}

package dev.warden.server.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Renders the console's precompiled templates (HTML-escaped by context) and answers with them.
 * Every page is {@code text/html; charset=utf-8} and not stored by caches.
 */
public final class ConsolePages {
    private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ConsoleAssets assets;

    /** Pages linking these assets. */
    public ConsolePages(ConsoleAssets assets) {
        this.assets = assets;
    }

    /** The frame of a page, for {@code operator} (empty: signed out) with the session's CSRF token. */
    public Chrome chrome(Optional<String> operator, String csrf) {
        return new Chrome(assets.urls(), operator, csrf);
    }

    /** Answers {@code status} with template {@code name} (e.g. {@code login.jte}) rendered for {@code view}. */
    public void send(Context ctx, int status, String name, Object view) {
        StringOutput out = new StringOutput();
        engine.render(name, view, out);
        html(ctx, status, out.toString());
    }

    /** Answers with an error page; no session details, no internals. */
    public void error(Context ctx, int status, String title, String message) {
        send(ctx, status, "error.jte", new ErrorView(chrome(Optional.empty(), ""), status, title, message));
    }

    private static void html(Context ctx, int status, String body) {
        ctx.status(status);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Type", "text/html; charset=utf-8");
        ctx.result(body);
    }
}

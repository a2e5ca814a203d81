package org.sipsocial.admin.console;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The console's jte templates ({@code admin-web/src/main/jte}), compiled to classes at build time by the
 * jte-maven-plugin: each takes one page record and escapes every value it prints as HTML.
 */
final class ConsoleTemplates {
    private static final String PACKAGE = "org.sipsocial.admin.console.templates";

    private final TemplateEngine engine = TemplateEngine.createPrecompiled(null, ContentType.Html,
            ConsoleTemplates.class.getClassLoader(), PACKAGE);

    void render(Context ctx, String template, Object page) {
        StringOutput output = new StringOutput();
        engine.render(template, page, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }
}

package org.sipsocial.admin.console;

/**
 * What every console page shows around its content: the site, the page's title and tab, the CSRF token its
 * forms carry, and the line left by the last action, if any.
 */
public record PageFrame(String site, String title, String tab, String csrf, ConsoleMessage message) {
}

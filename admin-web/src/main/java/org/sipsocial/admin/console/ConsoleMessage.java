package org.sipsocial.admin.console;

/** One line for the administrator at the top of a page: what was done, or what to fix. */
public record ConsoleMessage(String text, boolean error) {
}

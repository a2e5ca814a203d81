package org.sipsocial.cli;

import java.util.Locale;

import picocli.CommandLine.Option;

/**
 * {@code --port-mapping on|off}: whether a new site asks the router in front of it to forward its ports (PCP, then
 * NAT-PMP, then UPnP IGD; issue 15). On unless given off; {@code port-mapping} in site.properties changes it later.
 */
public final class PortMappingOption {
    @Option(names = "--port-mapping", paramLabel = "on|off", defaultValue = "on",
            description = "Ask the router to forward the site's link and media port (default: ${DEFAULT-VALUE}).")
    private String portMapping;

    public boolean on() {
        return switch (portMapping.trim().toLowerCase(Locale.ROOT)) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new UserInputException(ExitStatus.USAGE, "--port-mapping \"" + portMapping + "\" is neither on nor off");
        };
    }
}

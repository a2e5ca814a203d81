package org.sipsocial.cli;

import java.io.Console;
import java.security.SecureRandom;
import java.time.Clock;

import org.sipsocial.store.Argon2idCost;

/**
 * What commands take from the world, injected so that tests control it: the clock, the random source,
 * the terminal to prompt on (absent when there is none) and the Argon2id cost for new sites.
 */
public record CliContext(Clock clock, SecureRandom random, Console terminal, Argon2idCost newSiteCost) {

    public static CliContext system() {
        return new CliContext(Clock.systemUTC(), new SecureRandom(), System.console(), Argon2idCost.DEFAULT);
    }
}

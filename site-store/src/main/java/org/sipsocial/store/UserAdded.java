package org.sipsocial.store;

import java.util.Optional;

/** A user just added, and the password generated for it when none was given; the receiver wipes it. */
public record UserAdded(User user, Optional<char[]> generatedPassword) {
}

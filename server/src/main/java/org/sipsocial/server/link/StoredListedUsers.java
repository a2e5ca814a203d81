package org.sipsocial.server.link;

import java.util.List;

import org.sipsocial.link.ListedUsers;
import org.sipsocial.store.UserName;
import org.sipsocial.store.Users;

/** The listed users whose AORs the links publish, read from the store ({@code site_user.listed}). */
public final class StoredListedUsers implements ListedUsers {
    private final Users users;

    public StoredListedUsers(Users users) {
        this.users = users;
    }

    @Override
    public List<String> names() {
        return users.listedNames().stream().map(UserName::toString).toList();
    }
}

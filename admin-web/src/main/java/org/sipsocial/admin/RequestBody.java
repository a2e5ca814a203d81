package org.sipsocial.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The JSON object of a request: string fields, and {@code true}/{@code false} for the flags, each named in advance. A secret field (a password) is
 * copied out of the parser as characters, never made a {@code String}, and the request's bytes are wiped once
 * read. An empty body is an empty object.
 */
final class RequestBody implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();

    private final Map<String, String> texts;
    private final Map<String, char[]> secrets;
    private final Map<String, Boolean> flags = new HashMap<>();

    private RequestBody(Map<String, String> texts, Map<String, char[]> secrets) {
        this.texts = texts;
        this.secrets = secrets;
    }

    /** Reads {@code body}, which it wipes, accepting the string fields and the flags (JSON booleans) named. */
    static RequestBody parse(byte[] body, Set<String> textFields, Set<String> secretFields, Set<String> flagFields) {
        Set<String> texts = new java.util.HashSet<>(textFields);
        texts.addAll(flagFields);
        RequestBody request = read(body, texts, secretFields, flagFields);
        for (String flag : flagFields) {
            if (request.texts.containsKey(flag)) {
                request.close();
                throw bad("\"" + flag + "\" must be true or false");
            }
        }
        return request;
    }

    /** Reads {@code body}, which it wipes, accepting the fields in {@code textFields} and {@code secretFields}. */
    static RequestBody parse(byte[] body, Set<String> textFields, Set<String> secretFields) {
        return read(body, textFields, secretFields, Set.of());
    }

    private static RequestBody read(byte[] body, Set<String> textFields, Set<String> secretFields,
                                     Set<String> flagFields) {
        Map<String, String> texts = new HashMap<>();
        Map<String, char[]> secrets = new HashMap<>();
        RequestBody request = new RequestBody(texts, secrets);
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == null) {
                return request;
            }
            if (parser.currentToken() != JsonToken.START_OBJECT) {
                throw bad("the request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!textFields.contains(field) && !secretFields.contains(field)) {
                    throw bad("unknown field \"" + field + "\"; this endpoint takes " + fieldsOf(textFields, secretFields));
                }
                if (texts.containsKey(field) || secrets.containsKey(field) || request.flags.containsKey(field)) {
                    throw bad("\"" + field + "\" is given twice");
                }
                JsonToken value = parser.nextToken();
                if (flagFields.contains(field) && (value == JsonToken.VALUE_TRUE || value == JsonToken.VALUE_FALSE)) {
                    request.flags.put(field, value == JsonToken.VALUE_TRUE);
                    continue;
                }
                if (value != JsonToken.VALUE_STRING) {
                    throw bad("\"" + field + "\" must be a string");
                }
                if (secretFields.contains(field)) {
                    secrets.put(field, Arrays.copyOfRange(parser.getTextCharacters(), parser.getTextOffset(),
                            parser.getTextOffset() + parser.getTextLength()));
                } else {
                    texts.put(field, parser.getText());
                }
            }
            if (parser.nextToken() != null) {
                throw bad("the request body must hold one JSON object only");
            }
            return request;
        } catch (JsonProcessingException e) {
            // The parser's own message may quote the body, and so a password: only the place is told.
            request.close();
            JsonLocation at = e.getLocation();
            throw bad("the request body is not valid JSON" + (at == null ? ""
                    : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            request.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            request.close();
            throw e;
        } finally {
            Arrays.fill(body, (byte) 0);
        }
    }

    private static String fieldsOf(Set<String> textFields, Set<String> secretFields) {
        Set<String> all = new TreeSet<>(textFields);
        all.addAll(secretFields);
        return "\"" + String.join("\", \"", all) + "\"";
    }

    private static AdminRequestException bad(String message) {
        return new AdminRequestException(AdminRefusal.BAD_REQUEST, message);
    }

    Optional<String> text(String field) {
        return Optional.ofNullable(texts.get(field));
    }

    String requiredText(String field) {
        return text(field).orElseThrow(() -> bad("\"" + field + "\" is missing"));
    }

    Optional<Boolean> flag(String field) {
        return Optional.ofNullable(flags.get(field));
    }

    boolean requiredFlag(String field) {
        return flag(field).orElseThrow(() -> bad("\"" + field + "\" is missing"));
    }

    /** The secret, handed over: the caller wipes it (or passes it on to a method that does). */
    Optional<char[]> takeSecret(String field) {
        return Optional.ofNullable(secrets.remove(field));
    }

    /** Wipes the secrets not taken. */
    @Override
    public void close() {
        secrets.values().forEach(secret -> Arrays.fill(secret, '\0'));
        secrets.clear();
    }
}

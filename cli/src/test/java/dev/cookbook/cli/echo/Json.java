package dev.cookbook.cli.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/** The one JSON record of a {@code --json} line, nested objects flattened to {@code a.b}, values as text. */
final class Json {
    private Json() {}

    static Map<String, String> record(String line) {
        Map<String, String> fields = new LinkedHashMap<>();
        try (JsonParser p = new JsonFactory().createParser(ObjectReadContext.empty(), line)) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            read(p, "", fields);
            assertEquals(null, p.nextToken(), "one object per line");
        }
        return fields;
    }

    private static void read(JsonParser p, String prefix, Map<String, String> fields) {
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_OBJECT) {
            assertEquals(JsonToken.PROPERTY_NAME, t);
            String name = prefix + p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT) {
                read(p, name + ".", fields);
            } else {
                fields.put(name, p.getString());
            }
        }
    }
}

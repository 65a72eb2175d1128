package uk.nhs.pcn.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An operation ready to fuzz: its valid request (path and query values, a valid JSON body or sample files, the
 * roles that may call it) and the paths of every body field, which mutations start from.
 */
final class Target {

    static final String BOUNDARY = "pcn-fuzz-boundary-7f3a";

    final ApiOperation operation;
    final JsonNode schema;
    final ObjectNode body;
    final Map<String, String> path;
    final Map<String, String> query;
    final Map<String, byte[]> samples;
    final List<OperationSeed.FormPart> form;
    final List<String> roles;
    final List<String> fields;
    final Map<String, java.util.function.Supplier<?>> fresh;

    Target(ApiOperation operation, Schemas schemas, OperationSeed seed, Random random) {
        this.operation = operation;
        this.path = new LinkedHashMap<>(seed.path);
        this.query = new LinkedHashMap<>(seed.query);
        this.form = List.copyOf(seed.form);
        this.roles = seed.roles != null ? seed.roles : operation.roles();
        this.fresh = new LinkedHashMap<>(seed.fresh);
        for (ApiOperation.Parameter p : operation.pathParameters()) {
            if (!path.containsKey(p.name())) {
                throw new IllegalStateException(operation.label() + " (" + operation.id()
                        + "): give the path parameter '" + p.name() + "' a value that exists, with "
                        + ".operation(\"" + operation.id() + "\", op -> op.path(\"" + p.name() + "\", ...))");
            }
        }
        if (roles.isEmpty()) {
            throw new IllegalStateException(operation.label() + " (" + operation.id() + ") names no roles in the "
                    + "document: say which may call it with op.roles(...)");
        }
        if (operation.takesJson()) {
            this.schema = schemas.resolve(operation.bodies().get(ApiOperation.JSON));
            JsonNode generated = schemas.valid(schema, "body", random);
            if (!generated.isObject()) {
                throw new IllegalStateException(operation.label() + ": only object bodies are fuzzed");
            }
            ObjectNode object = (ObjectNode) generated;
            seed.omitted.forEach(object::remove);
            OperationSeed.merge(object, seed.body);
            List<String> broken = schemas.violations(schema, object);
            if (!broken.isEmpty()) {
                throw new IllegalStateException(operation.label() + ": the valid body " + object
                        + " breaks the document (" + String.join("; ", broken) + "); seed the fields");
            }
            this.body = object;
        } else {
            this.schema = null;
            this.body = null;
        }
        this.samples = new LinkedHashMap<>(seed.samples);
        if (operation.bodies().containsKey("multipart/form-data") && !form.isEmpty()) {
            samples.put("multipart/form-data", multipart(form, BOUNDARY));
        }
        if (!samples.containsKey("text/plain") && samples.containsKey("text/csv")
                && operation.bodies().containsKey("text/plain")) {
            samples.put("text/plain", samples.get("text/csv"));
        }
        this.fields = new ArrayList<>();
        if (body != null) {
            collect(schema, body, "", schemas);
        }
    }

    /** The media types of the request body other than JSON: files and forms. */
    List<String> fileTypes() {
        return operation.bodies().keySet().stream().filter(t -> !t.equals(ApiOperation.JSON)).toList();
    }

    /** The Content-Type header for a media type of this operation (multipart gets its boundary). */
    static String header(String mediaType) {
        return mediaType.equals("multipart/form-data") ? mediaType + "; boundary=" + BOUNDARY : mediaType;
    }

    private void collect(JsonNode objectSchema, JsonNode value, String prefix, Schemas schemas) {
        JsonNode properties = schemas.resolve(objectSchema).path("properties");
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> p = it.next();
            String fieldPath = Schemas.join(prefix, p.getKey());
            fields.add(fieldPath);
            JsonNode child = value.path(p.getKey());
            JsonNode childSchema = schemas.resolve(p.getValue());
            if (child.isObject()) {
                collect(childSchema, child, fieldPath, schemas);
            } else if (child.isArray() && child.size() > 0) {
                fields.add(fieldPath + "[0]");
                if (child.get(0).isObject()) {
                    collect(schemas.resolve(childSchema.path("items")), child.get(0), fieldPath + "[0]", schemas);
                }
            }
        }
    }

    /** The resolved schema of a field path such as {@code person.nhsNumber} or {@code needs[0]}. */
    JsonNode fieldSchema(String fieldPath, Schemas schemas) {
        JsonNode current = schemas.resolve(schema);
        for (String segment : fieldPath.split("\\.")) {
            String name = segment.replaceAll("\\[\\d+]$", "");
            current = schemas.resolve(current.path("properties").path(name));
            if (segment.endsWith("]")) {
                current = schemas.resolve(current.path("items"));
            }
        }
        return current;
    }

    boolean required(String fieldPath, Schemas schemas) {
        int dot = fieldPath.lastIndexOf('.');
        String parent = dot < 0 ? "" : fieldPath.substring(0, dot);
        String name = fieldPath.substring(dot + 1);
        if (name.endsWith("]")) {
            return false;
        }
        JsonNode parentSchema = parent.isEmpty() ? schemas.resolve(schema) : fieldSchema(parent, schemas);
        for (JsonNode r : parentSchema.path("required")) {
            if (r.asText().equals(name)) {
                return true;
            }
        }
        return false;
    }

    static byte[] multipart(List<OperationSeed.FormPart> parts, String boundary) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (OperationSeed.FormPart part : parts) {
            write(out, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part.name() + "\"; filename=\""
                    + part.fileName() + "\"\r\nContent-Type: " + part.contentType() + "\r\n\r\n");
            out.writeBytes(part.content());
            write(out, "\r\n");
        }
        write(out, "--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}

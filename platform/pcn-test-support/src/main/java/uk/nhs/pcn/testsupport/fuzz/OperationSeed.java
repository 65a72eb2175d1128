package uk.nhs.pcn.testsupport.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a test knows about one operation that the document cannot say: path and query values that name things that
 * exist (a network code, a staff id), body fields whose valid value depends on the data (an existing network, a date
 * after the network opened), sample files for operations that take one, and the roles when the document names none.
 * Everything else of the request is generated from the document.
 */
public final class OperationSeed {

    /** One part of a multipart/form-data sample. */
    public record FormPart(String name, String fileName, String contentType, byte[] content) {
    }

    final Map<String, String> path = new LinkedHashMap<>();
    final Map<String, String> query = new LinkedHashMap<>();
    final ObjectNode body = new ObjectMapper().createObjectNode();
    final Set<String> omitted = new LinkedHashSet<>();
    final Map<String, Supplier<?>> fresh = new LinkedHashMap<>();
    final Map<String, byte[]> samples = new LinkedHashMap<>();
    final List<FormPart> form = new ArrayList<>();
    List<String> roles;

    /** A path parameter's valid value (decoded), e.g. {@code path("code", "U00801")}. */
    public OperationSeed path(String name, String value) {
        path.put(name, value);
        return this;
    }

    /** A query parameter always sent, e.g. {@code query("dryRun", "true")}; only its own mutations change it. */
    public OperationSeed query(String name, String value) {
        query.put(name, value);
        return this;
    }

    /** Body fields to use instead of generated ones (nested objects are merged field by field). */
    public OperationSeed body(Map<String, ?> fields) {
        ObjectNode given = new ObjectMapper().valueToTree(fields);
        merge(body, given);
        return this;
    }

    /**
     * A body field (a path such as {@code person.nhsNumber}) that takes a new value in every request, e.g. the code
     * of the network a registration creates: once one bad request has been wrongly accepted, the next would
     * otherwise only meet "already registered".
     */
    public OperationSeed fresh(String field, Supplier<?> values) {
        fresh.put(field, values);
        return this;
    }

    /** Optional body fields to leave out of the valid body (they are still mutated). */
    public OperationSeed omit(String... fields) {
        omitted.addAll(List.of(fields));
        return this;
    }

    /** A valid body for a non-JSON media type (a CSV, a workbook), which file mutations start from. */
    public OperationSeed sample(String contentType, byte[] content) {
        samples.put(contentType.toLowerCase(java.util.Locale.ROOT), content);
        return this;
    }

    /** A part of the valid multipart/form-data body. */
    public OperationSeed formPart(String name, String fileName, String contentType, byte[] content) {
        form.add(new FormPart(name, fileName, contentType, content));
        return this;
    }

    /** The roles allowed to call the operation, when its security requirement names none. */
    public OperationSeed roles(String... roles) {
        this.roles = List.of(roles);
        return this;
    }

    static void merge(ObjectNode into, ObjectNode from) {
        from.fields().forEachRemaining(f -> {
            if (f.getValue().isObject() && into.path(f.getKey()).isObject()) {
                merge((ObjectNode) into.get(f.getKey()), (ObjectNode) f.getValue());
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        });
    }
}

package uk.nhs.pcn.platform.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import uk.nhs.pcn.platform.problem.Problem;

/**
 * Documents, once for every service, the errors the platform answers (see {@code ProblemMappers},
 * {@code QueryParams}, {@code RequestSizeLimit}): each operation gets the 4xx it can meet, and every 4xx, whether
 * added here or declared by a resource's {@code @APIResponse}, has the one {@value ApiDocs#PROBLEM_SCHEMA} body as
 * {@code application/problem+json}.
 *
 * <ul>
 * <li>400 where the operation takes parameters or a body (each is parsed with a message naming it);</li>
 * <li>401 on secured operations (no or a bad bearer token), with {@code WWW-Authenticate: Bearer};</li>
 * <li>403 where the operation needs a role (Quarkus lists the roles in the security requirement); operations
 * that check the token's networks declare it with {@code @APIResponse};</li>
 * <li>404 where the path names a resource by a parameter;</li>
 * <li>409 on writes (a concurrent change, or a rule the resource declares with its own description);</li>
 * <li>413 and 415 where there is a body (size limit; {@code Content-Type} the operation does not accept);</li>
 * <li>422 only where a resource declares it.</li>
 * </ul>
 *
 * Runs at build time, so the document stored with the build is the one the service serves.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/" + ApiDocs.PROBLEM_SCHEMA;

    /** Descriptions Quarkus and SmallRye give the responses they add themselves; ours say more. */
    private static final Set<String> GENERIC_DESCRIPTIONS = Set.of("Bad Request", "Not Authorized", "Not Allowed");

    /** Quarkus adds this 403 to every secured operation, even where any valid token is allowed. */
    private static final String QUARKUS_FORBIDDEN = "Not Allowed";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() != null ? openAPI.getComponents()
                : OASFactory.createComponents();
        openAPI.setComponents(components);
        components.addSchema(ApiDocs.PROBLEM_SCHEMA, problemSchema());
        components.addSchema(ApiDocs.FIELD_ERROR_SCHEMA, fieldErrorSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : item.getOperations().entrySet()) {
                document(path, entry.getKey(), entry.getValue());
            }
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        // Quarkus shares one response object between operations: work on copies, never on what is there.
        APIResponses responses = OASFactory.createAPIResponses();
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().forEach((status, response) ->
                    responses.addAPIResponse(status, copy(response)));
        }
        operation.setResponses(responses);
        boolean hasBody = operation.getRequestBody() != null;
        boolean hasParameters = path.contains("{")
                || operation.getParameters() != null && !operation.getParameters().isEmpty();
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        boolean needsRole = secured && operation.getSecurity().stream().flatMap(r -> r.getSchemes().values().stream())
                .anyMatch(roles -> roles != null && !roles.isEmpty());
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD
                && method != PathItem.HttpMethod.OPTIONS;
        APIResponse forbidden = responses.getAPIResponse("403");
        if (forbidden != null && QUARKUS_FORBIDDEN.equals(forbidden.getDescription()) && !needsRole) {
            responses.removeAPIResponse("403");
        }

        if (hasBody || hasParameters) {
            add(responses, "400", "Invalid request: the problem's errors name each field or parameter and the rule "
                    + "it broke");
        }
        if (secured) {
            add(responses, "401", "No bearer token, or one that is expired, not signed by the identity provider "
                    + "or from another issuer");
            responses.getAPIResponse("401").addHeader("WWW-Authenticate", OASFactory.createHeader()
                    .description("Bearer").schema(OASFactory.createSchema().addType(SchemaType.STRING)));
        }
        if (needsRole) {
            add(responses, "403", "The token does not carry a role allowed to do this");
        }
        if (path.contains("{")) {
            add(responses, "404", "Nothing is known by the identifier in the path");
        }
        if (write) {
            add(responses, "409", "Conflicts with a change made at the same time; read the resource again and "
                    + "retry");
        }
        if (hasBody) {
            add(responses, "413", "The body is larger than this service accepts");
            add(responses, "415", "The body's Content-Type is not one this operation accepts");
        }
        responses.getAPIResponses().forEach((status, response) -> {
            if (isError(status) && response.getRef() == null) {
                response.setContent(problemContent());
            }
        });
    }

    private static void add(APIResponses responses, String status, String description) {
        APIResponse response = responses.getAPIResponse(status);
        if (response == null) {
            responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        } else if (blank(response.getDescription()) || GENERIC_DESCRIPTIONS.contains(response.getDescription())) {
            response.setDescription(description);
        }
    }

    private static APIResponse copy(APIResponse response) {
        return OASFactory.createAPIResponse().ref(response.getRef()).description(response.getDescription())
                .headers(response.getHeaders() == null ? null : new LinkedHashMap<>(response.getHeaders()))
                .content(response.getContent()).links(response.getLinks()).extensions(response.getExtensions());
    }

    private static boolean isError(String status) {
        return status.startsWith("4") || status.startsWith("5");
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF)));
    }

    private static Schema problemSchema() {
        return object("An RFC 9457 problem detail. 'errors' lists each invalid field with the rule it broke.")
                .addProperty("type", string("URI identifying the kind of problem").format("uri"))
                .addProperty("title", string("Short summary of the kind of problem"))
                .addProperty("status", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("The HTTP status"))
                .addProperty("detail", string("What went wrong with this request, in words a person can act on"))
                .addProperty("instance", string("The request path"))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.ARRAY)
                        .description("Each invalid field or parameter (absent when there are none)")
                        .items(OASFactory.createSchema().ref("#/components/schemas/" + ApiDocs.FIELD_ERROR_SCHEMA)))
                .required(List.of("type", "title", "status"));
    }

    private static Schema fieldErrorSchema() {
        return object("One broken rule")
                .addProperty("field", string("JSON path of the body field, or the query or path parameter; for a "
                        + "file import the sheet or report"))
                .addProperty("rule", string("The rule broken, e.g. notNull, pattern, unknown-field"))
                .addProperty("message", string("What is wrong and what is expected"))
                .addProperty("row", OASFactory.createSchema().addType(SchemaType.INTEGER).format("int32")
                        .description("File imports: the row (1 = the header row)"))
                .addProperty("column", string("File imports: the column"))
                .required(List.of("field", "rule", "message"));
    }

    private static Schema object(String description) {
        return OASFactory.createSchema().addType(SchemaType.OBJECT).description(description);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(SchemaType.STRING).description(description);
    }
}

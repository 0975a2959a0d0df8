package dev.bursar.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bursar.auth.Authenticator;
import dev.bursar.auth.Principal;
import dev.bursar.batch.BatchFiles;
import dev.bursar.batch.FileObject;
import dev.bursar.gateway.Callers;
import dev.bursar.wire.ApiError;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/** OpenAI's Files API, as far as batches need it: upload (streamed to disk), retrieve, content, delete. */
final class FilesApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_FIELD_BYTES = 4096;

    private final BatchFiles files;
    private final Authenticator auth;

    FilesApi(BatchFiles files, Authenticator auth) {
        this.files = files;
        this.auth = auth;
    }

    void register(HttpRouting.Builder r) {
        r.post("/v1/files", (req, res) -> BatchApi.guard(res, () -> upload(req, res)));
        r.get("/v1/files/{id}/content", (req, res) -> BatchApi.guard(res, () -> content(req, res)));
        r.get("/v1/files/{id}", (req, res) -> BatchApi.guard(res, () -> {
            BatchApi.json(res, 200, BatchJson.file(files.get(id(req), caller(req).keyId())));
        }));
        r.delete("/v1/files/{id}", (req, res) -> BatchApi.guard(res, () -> {
            String id = id(req);
            files.delete(id, caller(req).keyId());
            BatchApi.json(res, 200, JSON.createObjectNode().put("id", id).put("object", "file").put("deleted", true));
        }));
    }

    private Principal caller(ServerRequest req) {
        return Callers.authenticate(auth, WireEndpoints.credential(req));
    }

    private static String id(ServerRequest req) {
        return req.path().pathParameters().get("id");
    }

    private void upload(ServerRequest req, ServerResponse res) {
        Principal who = caller(req);
        String boundary = Multipart.boundary(req.headers().first(HeaderNames.CONTENT_TYPE).orElse(null));
        BatchFiles.Upload[] upload = {null};
        String[] filename = {null};
        ByteArrayOutputStream purpose = new ByteArrayOutputStream();
        try (InputStream in = new java.io.BufferedInputStream(req.content().inputStream(), 64 * 1024)) {
            Multipart.read(in, boundary, (name, file) -> {
                if (name.equals("file") && upload[0] == null) {
                    upload[0] = files.receive();
                    filename[0] = file == null || file.isBlank() ? "upload.jsonl" : file;
                    return upload[0];
                }
                if (name.equals("purpose")) {
                    return limited(purpose);
                }
                return OutputStream.nullOutputStream();
            });
        } catch (IOException e) {
            discard(upload[0]);
            throw ApiError.badRequest("invalid_multipart", null, "The upload could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            discard(upload[0]);
            throw e;
        }
        String p = purpose.toString(StandardCharsets.UTF_8).trim();
        if (upload[0] == null) {
            throw ApiError.badRequest("missing_required_parameter", "file", "Missing required parameter: 'file'.");
        }
        if (!p.equals("batch")) {
            discard(upload[0]);
            throw ApiError.badRequest("invalid_value", "purpose", p.isEmpty() ? "Missing required parameter: 'purpose'."
                    : "Bursar keeps files for batches only: purpose must be 'batch' (got '" + p + "').");
        }
        FileObject f = files.commit(upload[0], p, filename[0], who.keyId());
        BatchApi.json(res, 200, BatchJson.file(f));
    }

    private static void discard(BatchFiles.Upload upload) {
        if (upload != null) {
            upload.discard();
        }
    }

    private static OutputStream limited(ByteArrayOutputStream target) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                if (target.size() >= MAX_FIELD_BYTES) {
                    throw ApiError.badRequest("invalid_value", "purpose", "The 'purpose' field is too long.");
                }
                target.write(b);
            }
        };
    }

    /** The bytes, streamed from disk: downloading a batch's results books nothing and holds nothing in memory. */
    private void content(ServerRequest req, ServerResponse res) {
        FileObject f = files.get(id(req), caller(req).keyId());
        res.status(200);
        res.header(HeaderNames.CONTENT_TYPE, "application/jsonl");
        res.contentLength(f.bytes());
        try (InputStream in = Files.newInputStream(files.path(f.id())); OutputStream out = res.outputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}

package dev.bursar.gateway;

import dev.bursar.auth.AuthResult;
import dev.bursar.auth.Authenticator;
import dev.bursar.auth.Principal;
import dev.bursar.wire.ApiError;

/** Who is calling: the key's verdict as the client's error, each saying what to do about it. */
public final class Callers {

    private Callers() {
    }

    static Principal authenticate(Authenticator auth, Inbound in) {
        return authenticate(auth, in.credential());
    }

    /** The caller of an endpoint beside the request path (files, batches), or the 401 a call would get. */
    public static Principal authenticate(Authenticator auth, String credential) {
        return switch (auth.authenticate(credential)) {
            case AuthResult.Accepted a -> a.principal();
            case AuthResult.Missing m -> throw ApiError.unauthorized("missing_api_key",
                    "No API key. Send your Bursar key as 'Authorization: Bearer <key>' (OpenAI SDKs) or 'x-api-key: <key>' (Anthropic SDKs).");
            case AuthResult.Unknown u -> throw ApiError.unauthorized("invalid_api_key",
                    "The API key " + u.prefix() + " is not a key of this Bursar gateway. Create one with 'bursar keys create' or POST /admin/keys.");
            case AuthResult.Revoked r -> throw ApiError.unauthorized("revoked_api_key",
                    "The API key " + r.keyId() + " has been revoked. Ask for a new key.");
        };
    }
}

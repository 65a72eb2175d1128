package uk.nhs.pcn.devtokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Signs bearer tokens the services accept: RS256, issuer {@value #ISSUER}, roles in {@code groups}, networks in
 * {@code pcn_networks}. For tests and local development only; production tokens come from the NHS identity
 * provider, whose public key the services are configured with. Tests reach it through
 * {@code uk.nhs.pcn.testsupport.JwtSigner}; {@code ./pcn token} and the portal's local sign-in page use the key pair
 * kept in {@code .pcn/jwt}.
 */
public final class DevTokenSigner {

    public static final String ISSUER = "urn:pcn:dev";
    /**
     * The holder's own staff references (workforce-service's {@code staffReference} of their appointments), as
     * {@code uk.nhs.pcn.platform.security.Roles#STAFF_CLAIM} documents it; only in tokens asked to carry it.
     */
    public static final String STAFF_CLAIM = "pcn_staff";

    private final PrivateKey privateKey;
    private final PublicKey publicKey;

    private DevTokenSigner(KeyPair keys) {
        this.privateKey = keys.getPrivate();
        this.publicKey = keys.getPublic();
    }

    public static DevTokenSigner generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new DevTokenSigner(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Loads the key pair kept in {@code dir}, creating it on first use. */
    public static DevTokenSigner inDirectory(Path dir) {
        Path privatePem = dir.resolve("jwt-private.pem");
        Path publicPem = dir.resolve("jwt-public.pem");
        try {
            if (Files.exists(privatePem) && Files.exists(publicPem)) {
                KeyFactory rsa = KeyFactory.getInstance("RSA");
                PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(pemBytes(privatePem)));
                PublicKey pub = rsa.generatePublic(new X509EncodedKeySpec(pemBytes(publicPem)));
                return new DevTokenSigner(new KeyPair(pub, priv));
            }
            DevTokenSigner signer = generate();
            Files.createDirectories(dir);
            Files.writeString(privatePem, pem("PRIVATE KEY", signer.privateKey.getEncoded()));
            signer.writePublicKey(publicPem);
            return signer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("Unreadable key pair in " + dir, e);
        }
    }

    /** Writes the key pair into {@code dir} as {@link #inDirectory} reads it. */
    public Path writeKeyPair(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("jwt-private.pem"), pem("PRIVATE KEY", privateKey.getEncoded()));
            writePublicKey(dir.resolve("jwt-public.pem"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a development token's claims back after checking its signature with this key pair. */
    public org.jose4j.jwt.JwtClaims verify(String token) throws org.jose4j.jwt.consumer.InvalidJwtException {
        return new org.jose4j.jwt.consumer.JwtConsumerBuilder().setVerificationKey(publicKey)
                .setExpectedIssuer(ISSUER).setRequireExpirationTime().setRequireSubject().build().processToClaims(token);
    }

    public Path writePublicKey(Path file) {
        try {
            Files.writeString(file, pem("PUBLIC KEY", publicKey.getEncoded()));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path writePublicKeyToTempFile() {
        try {
            Path file = Files.createTempFile("pcn-jwt-", ".pem");
            file.toFile().deleteOnExit();
            return writePublicKey(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String token(String subject, Collection<String> roles, Collection<String> networks, Duration lifetime) {
        return token(subject, roles, networks, List.of(), lifetime);
    }

    /** A token that also names GP practices ({@code pcn_practices}), as a referrer's does. */
    public String token(String subject, Collection<String> roles, Collection<String> networks,
            Collection<String> practices, Duration lifetime) {
        return token(subject, roles, networks, practices, List.of(), lifetime);
    }

    /**
     * A token that may also name the holder's own staff references ({@value #STAFF_CLAIM}), as a link worker's does
     * when it should open their own caseload; the claim is left out when {@code staffReferences} is empty.
     */
    public String token(String subject, Collection<String> roles, Collection<String> networks,
            Collection<String> practices, Collection<String> staffReferences, Duration lifetime) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(lifetime.toSeconds() / 60f);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setStringListClaim("pcn_networks", List.copyOf(networks));
        if (!practices.isEmpty()) {
            claims.setStringListClaim("pcn_practices", List.copyOf(practices));
        }
        if (!staffReferences.isEmpty()) {
            claims.setStringListClaim(STAFF_CLAIM, List.copyOf(staffReferences));
        }
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(privateKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBytes(Path file) throws IOException {
        String body = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}

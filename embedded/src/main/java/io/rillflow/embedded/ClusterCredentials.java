package io.rillflow.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Who connects to an embedded cluster, kept in {@value #FILE_NAME} in its data directory, readable and writable by the
 * owner only (mode 0600). On a file system without POSIX permissions (FAT, NTFS on Windows) the file gets the data
 * directory's inherited access rules instead, which on Windows means the user's own profile ACL when the directory is
 * under it; PostgreSQL itself already insists on a private data directory.
 *
 * @param user the role the application connects as ({@code rillflow}; {@code postgres} in directories from before
 *     this file existed, whose objects that superuser owns)
 * @param password the application role's password
 * @param database the database the application uses
 * @param superuserPassword the {@code postgres} superuser's password, for an operator's maintenance; Rillflow uses it
 *     only to create the application's role and database
 */
record ClusterCredentials(String user, String password, String database, String superuserPassword) {
    static final String FILE_NAME = "rillflow-credentials.properties";
    static final String SUPERUSER = "postgres";
    private static final String APPLICATION_ROLE = "rillflow";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SCRAM_ITERATIONS = 16;

    /** Fresh random passwords for a new cluster whose application role is not a superuser. */
    static ClusterCredentials generate() {
        return new ClusterCredentials(APPLICATION_ROLE, randomPassword(), APPLICATION_ROLE, randomPassword());
    }

    /** For a cluster created before this file existed: the application keeps connecting as the superuser it used. */
    static ClusterCredentials legacySuperuser() {
        String password = randomPassword();
        return new ClusterCredentials(SUPERUSER, password, "postgres", password);
    }

    /** 256 random bits in URL-safe Base64, so the password goes into a JDBC URL unescaped. */
    private static String randomPassword() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The SCRAM-SHA-256 verifier PostgreSQL stores for {@code password} (RFC 5802/7677). {@code ALTER ROLE ... PASSWORD}
     * takes it as is, so the password itself never appears in SQL text that a failing statement could put in the server
     * log. Our passwords are ASCII, which SASLprep leaves unchanged.
     *
     * <p>{@value #SCRAM_ITERATIONS} iterations instead of PostgreSQL's 4096: iterations slow down guessing a weak
     * password from a stolen verifier, but 256 random bits cannot be guessed at any count, while every new connection
     * pays the count twice (the driver and the server each derive the key), which a pool refilling after a failover or
     * under load feels.
     */
    static String scramVerifier(String password) {
        try {
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            int iterations = SCRAM_ITERATIONS;
            byte[] salted = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256))
                    .getEncoded();
            byte[] storedKey = MessageDigest.getInstance("SHA-256").digest(hmac(salted, "Client Key"));
            byte[] serverKey = hmac(salted, "Server Key");
            Base64.Encoder b64 = Base64.getEncoder();
            return "SCRAM-SHA-256$" + iterations + ":" + b64.encodeToString(salt) + "$" + b64.encodeToString(storedKey)
                    + ":" + b64.encodeToString(serverKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks PBKDF2WithHmacSHA256 or HmacSHA256", e);
        }
    }

    private static byte[] hmac(byte[] key, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.US_ASCII));
    }

    boolean applicationIsSuperuser() {
        return user.equals(SUPERUSER);
    }

    static Optional<ClusterCredentials> read(Path dataDirectory) {
        Path file = dataDirectory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot read " + file + ": " + e, e);
        }
        String user = p.getProperty("user");
        String password = p.getProperty("password");
        String database = p.getProperty("database");
        String superuserPassword = p.getProperty("superuser.password");
        if (user == null || password == null || database == null || superuserPassword == null) {
            throw new EmbeddedPostgresException(
                    file + " lacks one of user, password, database, superuser.password; restore it from a backup",
                    null);
        }
        return Optional.of(new ClusterCredentials(user, password, database, superuserPassword));
    }

    /** Writes the file under a temporary name and renames it, so a crash never leaves a half-written file. */
    void write(Path dataDirectory) {
        StringWriter text = new StringWriter();
        text.append("# Written by Rillflow. Keep it private (mode 0600): it lets anyone who reads it into the store.\n")
                .append("user=")
                .append(user)
                .append("\npassword=")
                .append(password)
                .append("\ndatabase=")
                .append(database)
                .append("\nsuperuser=" + SUPERUSER + "\nsuperuser.password=")
                .append(superuserPassword)
                .append('\n');
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            Path temporary = createPrivateFile(dataDirectory, FILE_NAME);
            Files.writeString(temporary, text.toString(), StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmbeddedPostgresException("Cannot write " + file + ": " + e, e);
        }
    }

    /** A new empty file readable by its owner only where the file system knows POSIX permissions. */
    static Path createPrivateFile(Path directory, String prefix) throws IOException {
        if (Files.getFileStore(directory).supportsFileAttributeView("posix")) {
            return Files.createTempFile(
                    directory,
                    prefix,
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        return Files.createTempFile(directory, prefix, ".tmp");
    }
}

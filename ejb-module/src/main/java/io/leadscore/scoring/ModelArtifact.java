package io.leadscore.scoring;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import static io.leadscore.common.Jsons.JSON;

/**
 * A trained model as one immutable artifact: a zip of the DL4J networks ({@code network-<i>.zip}, each written
 * by ModelSerializer; several when trained as a cross-fitted ensemble), the encoder with its training statistics ({@code encoder.json}) and the calibration
 * ({@code calibration.json}). Versions store it in the database with its SHA-256 checksum.
 */
public final class ModelArtifact {

    private static final int FORMAT = 1;

    private ModelArtifact() {
    }

    public static byte[] write(ScoringModel model) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                List<byte[]> members = model.network().toBytes();
                for (int i = 0; i < members.size(); i++) {
                    put(zip, "network-" + i + ".zip", normalized(members.get(i)));
                }
                put(zip, "encoder.json", model.encoder().toJson().toString().getBytes(StandardCharsets.UTF_8));
                JsonObject cal = JSON.createObjectBuilder().add("format", FORMAT).add("method", "platt")
                        .add("a", model.calibration().a()).add("b", model.calibration().b()).build();
                put(zip, "calibration.json", cal.toString().getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ScoringModel read(byte[] artifact) {
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(artifact))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<byte[]> members = new ArrayList<>();
        for (int i = 0; entries.containsKey("network-" + i + ".zip"); i++) {
            members.add(entries.get("network-" + i + ".zip"));
        }
        if (members.isEmpty()) {
            throw new IllegalArgumentException("The model artifact has no network");
        }
        for (String name : new String[] {"encoder.json", "calibration.json"}) {
            if (!entries.containsKey(name)) {
                throw new IllegalArgumentException("The model artifact has no " + name);
            }
        }
        JsonObject cal = json(entries.get("calibration.json"));
        if (cal.getInt("format") != FORMAT) {
            throw new IllegalArgumentException("Unknown model artifact format " + cal.getInt("format"));
        }
        return new ScoringModel(FeatureEncoder.fromJson(json(entries.get("encoder.json"))),
                Network.fromBytes(members),
                new Calibration(cal.getJsonNumber("a").doubleValue(), cal.getJsonNumber("b").doubleValue()));
    }

    public static String checksum(byte[] artifact) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(artifact));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Zip entries carry the time they were written; a fixed one makes the same model the same bytes and checksum. */
    private static final long ENTRY_TIME = 315_532_800_000L; // 1980-01-01, the first time a zip entry can hold

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setTime(ENTRY_TIME);
        zip.putNextEntry(entry);
        zip.write(data);
        zip.closeEntry();
    }

    /** ModelSerializer's zip, its entries rewritten in order with the fixed time. */
    private static byte[] normalized(byte[] zipBytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                put(zip, e.getName(), in.readAllBytes());
            }
        }
        return out.toByteArray();
    }

    private static JsonObject json(byte[] data) {
        try (JsonReader r = JSON.createReader(new ByteArrayInputStream(data))) {
            return r.readObject();
        }
    }
}

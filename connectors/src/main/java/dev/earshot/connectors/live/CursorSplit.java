package dev.earshot.connectors.live;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * The one split of a live source: the feed, and where to resume it after a restart (Jetstream's {@code time_us},
 * Mastodon's last status id, Discourse's highest post id; null: from now).
 */
public record CursorSplit(String feed, String cursor) implements SourceSplit {

    @Override
    public String splitId() {
        return feed;
    }

    CursorSplit at(String newCursor) {
        return new CursorSplit(feed, newCursor);
    }

    /** Version 1: the feed name, then a flag and the cursor. */
    static final class Serializer implements SimpleVersionedSerializer<CursorSplit> {

        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(CursorSplit split) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(bytes)) {
                out.writeUTF(split.feed());
                out.writeBoolean(split.cursor() != null);
                if (split.cursor() != null) {
                    out.writeUTF(split.cursor());
                }
            }
            return bytes.toByteArray();
        }

        @Override
        public CursorSplit deserialize(int version, byte[] serialized) throws IOException {
            if (version != 1) {
                throw new IOException("unknown live split version " + version);
            }
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(serialized))) {
                String feed = in.readUTF();
                return new CursorSplit(feed, in.readBoolean() ? in.readUTF() : null);
            }
        }
    }
}

package dev.earshot.connectors.kafka;

import dev.earshot.connectors.LocalPorts;
import dev.earshot.connectors.file.FolderLock;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.flink.util.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A real single-node Kafka (one combined broker and controller, KRaft) inside this JVM: {@code earshot local kafka}
 * for a laptop without Docker, and the integration tests' broker. It runs Kafka's own server
 * ({@code KafkaRaftServer}, as {@code kafka-server-start.sh} does) on {@code localhost}, and keeps its log in a
 * folder: formatted on first use, so that a restart on the same folder keeps the topics and their records.
 */
public final class LocalKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    /** Not Kafka's own {@code .lock}: Kafka takes that one in this JVM too, which a lock held here would make fail. */
    private static final String LOCK_FILE = "earshot-local.lock";

    private final Path directory;
    /** A folder of this JVM's own ({@link #start()}), removed by {@link #close()}. */
    private final boolean temporary;
    private final int port;
    private KafkaRaftServer server;
    private FileChannel directoryLock;
    private Duration startUp;

    private LocalKafka(Path directory, boolean temporary, int port) {
        this.directory = directory;
        this.temporary = temporary;
        this.port = port;
    }

    /** A broker on a free port with its log in a new temporary folder, removed by {@link #close()}: for tests. */
    public static LocalKafka start() throws Exception {
        return start(Files.createTempDirectory("earshot-kafka-"), 0, true);
    }

    /**
     * A broker on {@code localhost:port} (0: a free port) whose log is {@code directory}, created and formatted
     * when it holds no broker yet.
     */
    public static LocalKafka start(Path directory, int port) throws Exception {
        return start(directory, port, false);
    }

    private static LocalKafka start(Path directory, int port, boolean temporary) throws Exception {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a TCP port: use 1-65535, or 0 for a free one");
        }
        if (port != 0) {
            LocalPorts.requireFree("localhost", port, "Kafka");
        }
        LocalKafka kafka = new LocalKafka(directory.toAbsolutePath(), temporary, port == 0 ? LocalPorts.free() : port);
        try {
            kafka.lockDirectory();
            kafka.format();
            kafka.startServer();
        } catch (Exception e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The folder holding the broker's log and metadata. */
    public Path directory() {
        return directory;
    }

    /** How long the last start took, from the configuration to a broker serving clients. */
    public Duration startUp() {
        return startUp;
    }

    public void createTopic(String name, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    /** Creates those of {@code partitionsByTopic} that do not exist yet, and returns their names. */
    public List<String> createMissingTopics(Map<String, Integer> partitionsByTopic) throws Exception {
        List<String> created = new ArrayList<>();
        try (Admin admin = admin()) {
            for (Map.Entry<String, Integer> topic : partitionsByTopic.entrySet()) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic.getKey(), topic.getValue(), (short) 1))).all().get();
                    created.add(topic.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        return created;
    }

    /** The names of the topics, internal ones excluded. */
    public Set<String> topics() throws Exception {
        try (Admin admin = admin()) {
            return admin.listTopics().names().get();
        }
    }

    /** Sends records and waits until the broker has them all. */
    public void send(Collection<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    /** Sends each value to {@code topic} without a key, and waits until the broker has them all. */
    public long sendValues(String topic, Stream<byte[]> values) {
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            long[] sent = {0};
            values.forEach(value -> {
                producer.send(new ProducerRecord<>(topic, value));
                sent[0]++;
            });
            producer.flush();
            return sent[0];
        }
    }

    /**
     * Every record of {@code topic} that a consumer with {@code isolationLevel} ({@code read_committed} or
     * {@code read_uncommitted}) sees now, partition by partition in offset order.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, String isolationLevel) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // The end a consumer of this isolation level may reach: the last stable offset for read_committed.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** How many records {@code topic} holds now, over all its partitions. */
    public long recordCount(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - starts.get(end.getKey())).sum();
        }
    }

    /**
     * Stops the broker as a crash or an operator would, keeping its log, so that a test can see what clients do
     * while it is away.
     */
    public void stopBroker() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    /** Starts the stopped broker again on the same port and log, and returns once it serves clients. */
    public void restartBroker() throws Exception {
        startServer();
    }

    @Override
    public void close() throws IOException {
        stopBroker();
        if (directoryLock != null) {
            directoryLock.close();
            directoryLock = null;
        }
        if (temporary) {
            FileUtils.deleteDirectoryQuietly(directory.toFile());
        }
    }

    /**
     * Kafka locks its log folder only once its controller has read the metadata log in it, and a second broker on
     * the same folder can get that far: it then halts its JVM, having read records the first is writing. A lock of
     * our own, taken first, refuses it before it touches anything.
     */
    private void lockDirectory() throws IOException {
        directoryLock = FolderLock.tryTake(directory, LOCK_FILE).orElseThrow(() -> new IOException(directory
                + " is the folder of a broker that runs already: stop it, or use another folder"));
    }

    /** Formats the log folder as {@code kafka-storage.sh format} would, unless an earlier start did. */
    private void format() throws Exception {
        if (Files.exists(directory.resolve("meta.properties"))) {
            return; // formatted by an earlier start: it keeps its cluster id, topics and records
        }
        new Formatter() // into the folder lockDirectory() made
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(directory.toString())
                .setDirectories(List.of(directory.toString()))
                .run();
    }

    private void startServer() throws Exception {
        long started = System.nanoTime();
        // The controller's port is asked for again at each start: a single static voter is not stored in the log.
        int controllerPort = LocalPorts.free();
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", directory.toString());
        // One broker: internal topics (offsets, transactions) cannot have more replicas.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A laptop's broker: the log cleaner's default 128 MiB buffer is sized for servers.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        KafkaRaftServer starting = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        try {
            starting.startup();
        } catch (RuntimeException e) {
            starting.shutdown();
            throw e;
        }
        server = starting;
        awaitServing();
        startUp = Duration.ofNanos(System.nanoTime() - started);
    }

    /** The broker registers with its controller after {@code startup()} returns: wait until clients can use it. */
    private void awaitServing() throws Exception {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }
}

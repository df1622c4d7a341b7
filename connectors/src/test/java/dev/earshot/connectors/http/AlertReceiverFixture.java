package dev.earshot.connectors.http;

import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** For tests of alert delivery: a fresh local receiver for each test, and the dead letters the writer hands on. */
abstract class AlertReceiverFixture {

    AlertReceiver receiver;
    final CollectedDeadLetters deadLetters = new CollectedDeadLetters();

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = new AlertReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }
}

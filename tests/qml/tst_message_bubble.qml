import QtQuick
import QtTest
import Conversa.Core
import Conversa.Conversation

// A message bubble: the tick for each delivery status, and a failed message's error and retry.
TestCase {
    id: testCase
    name: "MessageBubble"
    when: windowShown
    width: 800
    height: 400

    Component {
        id: bubble
        MessageBubble {
            width: 800
            messageId: 42
            inbound: false
            messageType: "text"
            content: "Hola"
            status: "pending"
            errorCode: ""
            errorMessage: ""
            createdAt: new Date()
            senderName: "Ana Ruiz"
            templateName: ""
            mediaFileId: 0
        }
    }

    SignalSpy {
        id: retries
        signalName: "retryRequested"
    }

    function test_ticks_data() {
        return [
            { tag: "pending", status: "pending", tick: "◷", retry: false },
            { tag: "waiting", status: "waiting", tick: "◌", retry: false },
            { tag: "sent", status: "sent", tick: "✓", retry: false },
            { tag: "delivered", status: "delivered", tick: "✓✓", retry: false },
            { tag: "read", status: "read", tick: "✓✓", retry: false },
            { tag: "failed", status: "failed", tick: "!", retry: true }
        ]
    }

    function test_ticks(data) {
        const b = createTemporaryObject(bubble, testCase.Window.contentItem, { status: data.status })
        verify(b)
        const tick = findChild(b, "tick")
        compare(tick.text, data.tick)
        compare(tick.visible, true)
        compare(findChild(b, "retryButton").visible, data.retry)
    }

    function test_readIsBlue() {
        const b = createTemporaryObject(bubble, testCase.Window.contentItem, { status: "read" })
        verify(Qt.colorEqual(findChild(b, "tick").color, "#34b7f1"))
    }

    function test_inboundHasNoTick() {
        const b = createTemporaryObject(bubble, testCase.Window.contentItem, { inbound: true, status: "delivered" })
        compare(findChild(b, "tick").visible, false)
    }

    function test_failedShowsErrorAndRetries() {
        const b = createTemporaryObject(bubble, testCase.Window.contentItem,
                                        { status: "failed", errorCode: "131047", errorMessage: "Re-engagement message" })
        retries.target = b
        retries.clear()
        const button = findChild(b, "retryButton")
        verify(button.visible)
        mouseClick(button)
        compare(retries.count, 1)
        compare(retries.signalArguments[0][0], 42)
    }
}

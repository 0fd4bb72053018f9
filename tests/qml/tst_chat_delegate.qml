import QtQuick
import QtTest
import Conversa.Core
import Conversa.Inbox

// An inbox row: the unread badge shows the count, and only when there is something unread.
TestCase {
    id: testCase
    name: "ChatDelegate"
    when: windowShown
    width: 400
    height: 100

    Component {
        id: row
        ChatDelegate {
            width: 360
            index: 0
            chatId: 7
            clientName: "Marta Gil"
            lastMessage: "¿Tienen envíos?"
            lastMessageInbound: true
            lastActivity: new Date()
            unreadCount: 0
            status: "assigned"
            statusText: "Assigned"
            priority: "normal"
            campaignName: "Ventas"
        }
    }

    function test_badge_data() {
        return [ { tag: "none", unread: 0, visible: false }, { tag: "three", unread: 3, visible: true } ]
    }

    function test_badge(data) {
        const d = createTemporaryObject(row, testCase.Window.contentItem, { unreadCount: data.unread })
        verify(d)
        const badge = findChild(d, "unreadBadge")
        compare(badge.visible, data.visible)
    }

    // The avatar has the client's initials; the chip names the status.
    function test_avatarAndChip() {
        const d = createTemporaryObject(row, testCase.Window.contentItem)
        compare(findChild(d, "avatarInitials").text, "MG")
        verify(findChild(d, "statusChip").visible)
        verify(Qt.colorEqual(findChild(d, "avatar").color, Theme.avatarColor("Marta Gil")))
    }
}

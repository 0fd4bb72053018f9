import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core

// The inbox: tabs (mine, queued, all for supervisors), filters, search, and the chats, which
// InboxController keeps current from the socket. Choosing a chat opens it.
Pane {
    id: root

    required property AppContext app
    readonly property InboxController inbox: root.app.inbox

    objectName: "chatListPane"
    padding: 0
    background: Rectangle { color: Theme.surface }

    function focusSearch(): void {
        searchField.forceActiveFocus()
        searchField.selectAll()
    }
    function step(delta: int): void {
        if (list.count === 0)
            return
        list.currentIndex = Math.max(0, Math.min(list.count - 1, list.currentIndex + delta))
        root.app.conversation.open(root.inbox.model.chatIdAt(list.currentIndex))
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: Theme.spacingS

        // Equal widths for the tabs there are: "All" is only a supervisor's, and a hidden tab
        // would still take its share (or, given a width of its own, leave the others the rest).
        TabBar {
            id: tabs
            objectName: "inboxTabs"
            Layout.fillWidth: true
            currentIndex: Math.max(0, tabChoices.model.findIndex(t => t.tab === root.inbox.tab))
            Repeater {
                id: tabChoices
                model: [
                    { tab: InboxController.Mine, name: "mineTab", text: qsTr("My chats") },
                    { tab: InboxController.Queued, name: "queuedTab", text: qsTr("Queued") }
                ].concat(root.app.session.isSupervisor ? [{ tab: InboxController.All, name: "allTab", text: qsTr("All") }] : [])
                TabButton {
                    required property var modelData
                    objectName: modelData.name
                    text: modelData.text
                    onClicked: root.inbox.tab = modelData.tab
                }
            }
        }

        TextField {
            id: searchField
            objectName: "searchField"
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
            placeholderText: qsTr("Search by name or phone (Ctrl+F)")
            text: root.inbox.search
            onTextEdited: root.inbox.search = text
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
            ComboBox {
                objectName: "statusFilter"
                Layout.fillWidth: true
                enabled: root.inbox.tab !== InboxController.Queued
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any status") },
                    { value: "queued", text: qsTr("Queued") },
                    { value: "assigned", text: qsTr("Assigned") },
                    { value: "active", text: qsTr("Active") },
                    { value: "pending", text: qsTr("Pending") },
                    { value: "closed", text: qsTr("Closed") }
                ]
                onActivated: root.inbox.statusFilter = currentValue
            }
            ComboBox {
                objectName: "campaignFilter"
                Layout.fillWidth: true
                visible: root.inbox.campaigns.length > 0
                textRole: "name"
                valueRole: "id"
                model: [{ id: 0, name: qsTr("All campaigns") }].concat(root.inbox.campaigns)
                onActivated: root.inbox.campaignFilter = currentValue
            }
        }

        ListView {
            id: list
            objectName: "chatList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.inbox.model
            currentIndex: -1
            ScrollBar.vertical: ScrollBar {}
            delegate: ChatDelegate {
                width: ListView.view.width
                selected: chatId === root.app.conversation.chatId
                onClicked: {
                    list.currentIndex = index
                    root.app.conversation.open(chatId)
                }
            }
            onAtYEndChanged: if (atYEnd && root.inbox.hasMore) root.inbox.loadMore()

            // Empty: says why and what to do.
            ColumnLayout {
                objectName: "emptyInbox"
                anchors.centerIn: parent
                width: parent.width - 2 * Theme.spacingXl
                visible: list.count === 0 && !root.inbox.busy
                spacing: Theme.spacingS
                EmptyIcon { Layout.alignment: Qt.AlignHCenter }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("No chats")
                    font.pixelSize: Theme.fontTitle
                    font.bold: true
                    color: Theme.text
                }
                Label {
                    Layout.fillWidth: true
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontCaption
                    color: Theme.textMuted
                    text: root.inbox.search.length > 0 || root.inbox.statusFilter.length > 0 || root.inbox.campaignFilter > 0
                          ? qsTr("Nothing matches the search or the filters.")
                          : root.inbox.tab === InboxController.Queued
                            ? qsTr("No client is waiting in the queue.")
                            : qsTr("Chats assigned to you appear here. Set yourself Available to receive them.")
                }
            }
        }

        Label {
            visible: root.inbox.errorMessage.length > 0
            text: root.inbox.errorMessage
            color: Theme.danger
            wrapMode: Text.Wrap
            Layout.fillWidth: true
            Layout.margins: Theme.spacingS
        }
    }
}

import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// A screen's list: a search box, the screen's filters (`filters`), the rows
// (`rowDelegate`, one per item of a ResourceListModel), and the pager. Up/Down move the selection,
// Enter opens it (`activated`).
Pane {
    id: root

    required property ResourceListModel model
    property alias rowDelegate: list.delegate
    property alias currentIndex: list.currentIndex
    property alias listView: list
    property alias filters: filterRow.data   // the screen's filters and buttons, in a row
    property string searchPlaceholder: qsTr("Search")
    property bool searchable: true   // the collection takes `search`

    signal activated(int itemId)

    padding: 0
    background: Rectangle { color: Theme.surface }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        TextField {
            id: search
            objectName: "searchField"
            visible: root.searchable
            Layout.fillWidth: true
            Layout.margins: Theme.spacingS
            placeholderText: root.searchPlaceholder
            selectByMouse: true
            // A search per pause in typing, not per key.
            onTextEdited: searchDelay.restart()
            onAccepted: {
                searchDelay.stop()
                root.model.search = text
            }
            Keys.onDownPressed: list.forceActiveFocus()
            Timer {
                id: searchDelay
                interval: 300
                onTriggered: root.model.search = search.text
            }
        }
        RowLayout {
            id: filterRow
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingS
            Layout.rightMargin: Theme.spacingS
            spacing: Theme.spacingS
        }
        Label {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingS
            visible: root.model.errorMessage.length > 0
            text: root.model.errorMessage
            color: Theme.danger
            wrapMode: Text.Wrap
        }
        ListView {
            id: list
            objectName: "resourceList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            keyNavigationEnabled: true
            activeFocusOnTab: true
            highlightMoveDuration: 0
            currentIndex: -1
            Keys.onReturnPressed: if (currentIndex >= 0) root.activated(root.model.get(currentIndex).id)
            ScrollBar.vertical: ScrollBar {}
            Label {
                anchors.centerIn: parent
                visible: list.count === 0 && !root.model.busy
                text: qsTr("Nothing here")
                color: Theme.textMuted
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.margins: Theme.spacingS
            ToolButton {
                objectName: "previousPage"
                text: "‹"
                enabled: root.model.page > 1 && !root.model.busy
                onClicked: root.model.previousPage()
                ToolTip.text: qsTr("Previous page")
                ToolTip.visible: hovered
            }
            Label {
                objectName: "pageLabel"
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("Page %1 of %2 · %3 in all").arg(root.model.page).arg(Math.max(1, root.model.totalPages)).arg(root.model.total)
                color: Theme.textMuted
                font.pixelSize: Theme.fontCaption
            }
            ToolButton {
                objectName: "nextPage"
                text: "›"
                enabled: root.model.page < root.model.totalPages && !root.model.busy
                onClicked: root.model.nextPage()
                ToolTip.text: qsTr("Next page")
                ToolTip.visible: hovered
            }
        }
    }
}

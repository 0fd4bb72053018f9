import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// Campaigns: the list (search, status filter, pages) and the chosen campaign's form.
SplitView {
    id: root

    required property AppContext app
    readonly property CampaignsController controller: ctl

    objectName: "campaignsPage"

    CampaignsController {
        id: ctl
        app: root.app
    }

    function statusText(status: string): string {
        return status === "active" ? qsTr("Active") : status === "paused" ? qsTr("Paused") : qsTr("Inactive")
    }

    ResourceList {
        id: list
        objectName: "campaignList"
        SplitView.preferredWidth: 380
        SplitView.minimumWidth: 300
        model: ctl.model
        searchPlaceholder: qsTr("Search by name or code")
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ComboBox {
                id: statusFilter
                objectName: "campaignStatusFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any status") },
                    { value: "active", text: qsTr("Active") },
                    { value: "paused", text: qsTr("Paused") },
                    { value: "inactive", text: qsTr("Inactive") }
                ]
                onActivated: ctl.model.filters = { status: currentValue }
            },
            Button {
                objectName: "newCampaignButton"
                visible: ctl.canCreate
                text: qsTr("New campaign")
                highlighted: true
                onClicked: {
                    list.currentIndex = -1
                    ctl.startNew()
                }
            }
        ]

        rowDelegate: ItemDelegate {
            id: row
            required property int index
            required property real itemId
            required property var item
            objectName: "campaignRow_" + item.code
            width: ListView.view.width
            highlighted: ListView.isCurrentItem || ctl.itemId === itemId
            background: Rectangle {
                color: row.highlighted ? Theme.rowSelected : row.hovered ? Theme.rowHover : "transparent"
            }
            onClicked: {
                ListView.view.currentIndex = index
                ctl.clearMessages()
                ctl.open(itemId)
            }
            contentItem: ColumnLayout {
                spacing: 0
                RowLayout {
                    Label {
                        Layout.fillWidth: true
                        text: row.item.name
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        text: root.statusText(row.item.status)
                        color: row.item.status === "active" ? Theme.accent : Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("%1 · %2 agents · %3 open chats").arg(row.item.code).arg(row.item.agents_count).arg(row.item.active_chats)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                    elide: Text.ElideRight
                }
            }
        }
    }

    CampaignForm {
        SplitView.fillWidth: true
        controller: ctl
        page: root
    }
}

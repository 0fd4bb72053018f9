import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Conversa.Core
import Conversa.Admin

// WhatsApp numbers: the list (provider and status filters, pages) and the chosen number's form
// with its connection.
SplitView {
    id: root

    required property AppContext app
    readonly property NumbersController controller: ctl

    objectName: "numbersPage"

    NumbersController {
        id: ctl
        app: root.app
    }

    function connectionText(status: string): string {
        return status === "connected" ? qsTr("Connected") : status === "connecting" ? qsTr("Connecting")
             : status === "qr_pending" ? qsTr("Waiting for the QR scan") : status === "error" ? qsTr("Error")
             : qsTr("Disconnected")
    }
    function connectionColor(status: string): color {
        return status === "connected" ? Theme.accent : status === "error" ? Theme.danger
             : status === "disconnected" ? Theme.textMuted : Theme.warning
    }

    ResourceList {
        id: list
        objectName: "numberList"
        SplitView.preferredWidth: 380
        SplitView.minimumWidth: 300
        model: ctl.model
        searchable: false
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ComboBox {
                id: providerFilter
                objectName: "providerFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any provider") },
                    { value: "meta", text: "Meta Cloud API" },
                    { value: "wppconnect", text: "WPPConnect" }
                ]
                onActivated: ctl.model.filters = { provider: providerFilter.currentValue, status: numberStatusFilter.currentValue }
            },
            ComboBox {
                id: numberStatusFilter
                objectName: "numberStatusFilter"
                Layout.fillWidth: true
                textRole: "text"
                valueRole: "value"
                model: [
                    { value: "", text: qsTr("Any status") },
                    { value: "pending", text: qsTr("Pending") },
                    { value: "active", text: qsTr("Active") },
                    { value: "inactive", text: qsTr("Inactive") }
                ]
                onActivated: ctl.model.filters = { provider: providerFilter.currentValue, status: numberStatusFilter.currentValue }
            },
            Button {
                objectName: "newNumberButton"
                visible: ctl.canCreate
                text: qsTr("New number")
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
            objectName: "numberRow_" + item.phone_number
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
            contentItem: RowLayout {
                spacing: Theme.spacingS
                Rectangle {
                    implicitWidth: 10
                    implicitHeight: 10
                    radius: 5
                    color: root.connectionColor(row.item.connection_status)
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: row.item.display_name + " · " + row.item.phone_number
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        text: (row.item.provider === "meta" ? "Meta Cloud API" : "WPPConnect") + " · "
                              + root.connectionText(row.item.connection_status)
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }

    NumberForm {
        SplitView.fillWidth: true
        controller: ctl
        page: root
    }
}

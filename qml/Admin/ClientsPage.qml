import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.Dialogs
import Conversa.Core
import Conversa.Admin

// Clients: the list (search, lead status, segment and tag filters, pages) with the CSV import and
// export for who may, and the chosen client's detail and form.
SplitView {
    id: root

    required property AppContext app
    readonly property ClientsController controller: ctl
    property bool canTasks: false

    signal openTask(real taskId)
    signal newTask(real clientId, string label)
    readonly property ClientImport importer: importDialog.controller

    objectName: "clientsPage"

    ClientsController {
        id: ctl
        app: root.app
    }

    function leadStatusText(status: string): string {
        switch (status) {
        case "new": return qsTr("New")
        case "contacted": return qsTr("Contacted")
        case "qualified": return qsTr("Qualified")
        case "proposal": return qsTr("Proposal")
        case "negotiation": return qsTr("Negotiation")
        case "won": return qsTr("Won")
        case "lost": return qsTr("Lost")
        }
        return status
    }
    function clientName(client: var): string {
        const name = ((client.first_name || "") + " " + (client.last_name || "")).trim()
        return name.length > 0 ? name : client.phone_number || ""
    }
    function applyFilters() {
        ctl.model.filters = { lead_status: leadFilter.currentValue, segment: segmentFilter.text.trim(), tag: tagFilter.text.trim() }
    }

    ResourceList {
        id: list
        objectName: "clientList"
        SplitView.preferredWidth: 400
        SplitView.minimumWidth: 320
        model: ctl.model
        searchPlaceholder: qsTr("Search by name, phone, email or company")
        onActivated: id => {
            ctl.clearMessages()
            ctl.open(id)
        }

        filters: [
            ColumnLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingXs
                RowLayout {
                    Layout.fillWidth: true
                    ComboBox {
                        id: leadFilter
                        objectName: "leadStatusFilter"
                        Layout.fillWidth: true
                        textRole: "text"
                        valueRole: "value"
                        model: [{ value: "", text: qsTr("Any lead status") }].concat(
                                   ctl.leadStatuses.map(s => ({ value: s, text: root.leadStatusText(s) })))
                        onActivated: root.applyFilters()
                    }
                    TextField {
                        id: segmentFilter
                        objectName: "segmentFilter"
                        Layout.preferredWidth: 90
                        placeholderText: qsTr("Segment")
                        onEditingFinished: root.applyFilters()
                    }
                    TextField {
                        id: tagFilter
                        objectName: "tagFilter"
                        Layout.preferredWidth: 90
                        placeholderText: qsTr("Tag")
                        onEditingFinished: root.applyFilters()
                    }
                }
                RowLayout {
                    Layout.fillWidth: true
                    Button {
                        objectName: "newClientButton"
                        visible: ctl.canCreate
                        text: qsTr("New client")
                        highlighted: true
                        onClicked: {
                            list.currentIndex = -1
                            ctl.startNew()
                        }
                    }
                    Item { Layout.fillWidth: true }
                    Button {
                        objectName: "importClientsButton"
                        visible: ctl.canImport
                        text: qsTr("Import…")
                        onClicked: importDialog.open()
                    }
                    Button {
                        objectName: "exportClientsButton"
                        visible: ctl.canExport
                        text: qsTr("Export…")
                        enabled: !ctl.busy
                        onClicked: exportDialog.open()
                    }
                }
            }
        ]

        rowDelegate: ItemDelegate {
            id: row
            required property int index
            required property real itemId
            required property var item
            objectName: "clientRow_" + item.phone_number
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
                    implicitWidth: 32
                    implicitHeight: 32
                    radius: 16
                    color: Theme.avatarColor(root.clientName(row.item))
                    Label {
                        anchors.centerIn: parent
                        text: Theme.initials(root.clientName(row.item))
                        color: Theme.textOnAccent
                        font.pixelSize: Theme.fontCaption
                    }
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: root.clientName(row.item)
                        elide: Text.ElideRight
                        font.bold: true
                    }
                    Label {
                        Layout.fillWidth: true
                        text: [row.item.phone_number, row.item.company || "", (row.item.tags || []).join(", ")]
                              .filter(s => s.length > 0).join(" · ")
                        elide: Text.ElideRight
                        color: Theme.textMuted
                        font.pixelSize: Theme.fontCaption
                    }
                }
                Label {
                    text: root.leadStatusText(row.item.lead_status)
                    color: Theme.textMuted
                    font.pixelSize: Theme.fontCaption
                }
            }
        }
    }

    ClientForm {
        SplitView.fillWidth: true
        controller: ctl
        page: root
        canTasks: root.canTasks
        onOpenTask: taskId => root.openTask(taskId)
        onNewTask: (clientId, label) => root.newTask(clientId, label)
    }

    FileDialog {
        id: exportDialog
        objectName: "exportClientsDialog"
        title: qsTr("Export clients")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "csv"
        nameFilters: [qsTr("CSV files (*.csv)")]
        onAccepted: ctl.exportTo(selectedFile)
    }

    ClientImportDialog {
        id: importDialog
        app: root.app
        onImported: ctl.model.refresh()
    }
}

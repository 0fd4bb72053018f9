import QtQuick
import QtQuick.Controls
import Conversa.Core

// The conversation's messages under day separators. Near the top, the model fetches the next older
// page (canFetchMore/fetchMore); once it is in, the message that was on top stays where it was
// (the view would otherwise stay at the new top, and reaching the top again would never happen
// without scrolling down first).
ListView {
    id: messages

    required property AppContext app
    readonly property ConversationController conversation: messages.app.conversation

    objectName: "messageList"
    clip: true
    model: messages.conversation.messages
    spacing: 2
    topMargin: Theme.spacingS
    bottomMargin: Theme.spacingS
    ScrollBar.vertical: ScrollBar {}
    // Day separators: "Today", "Yesterday", then the date.
    section.property: "day"
    section.delegate: Item {
        required property string section
        width: ListView.view.width
        height: dayLabel.implicitHeight + 2 * Theme.spacingS
        Label {
            id: dayLabel
            objectName: "daySeparator"
            anchors.centerIn: parent
            text: Theme.dayLabel(parent.section, messages.app.language)
            font.pixelSize: Theme.fontSmall
            color: Theme.textMuted
            leftPadding: Theme.spacingM
            rightPadding: Theme.spacingM
            topPadding: 4
            bottomPadding: 4
            background: Rectangle {
                radius: Theme.radiusM
                color: Theme.daySeparator
            }
        }
    }
    delegate: MessageBubble {
        width: ListView.view.width
        onRetryRequested: id => messages.conversation.composer.retry(id)
    }

    property bool loadingOlder: false
    property int countBeforeOlder: 0
    // The model fetches only while the view asks (the delegate model's own request, made whenever
    // it creates the newest row, would load older pages nobody scrolled to).
    function loadOlder() {
        const root = model.index(-1, -1)
        model.nearTop = true
        if (!loadingOlder && model.canFetchMore(root)) {
            loadingOlder = true
            countBeforeOlder = count
            model.fetchMore(root)
            if (!messages.conversation.busy)   // nothing started (another request in flight)
                loadingOlder = false
        }
        model.nearTop = false
    }
    onCountChanged: {
        if (loadingOlder && count > countBeforeOlder) {
            loadingOlder = false
            keepIndex = count - countBeforeOlder
            positionViewAtIndex(keepIndex, ListView.Beginning)
            Qt.callLater(keepPlace)   // again once the new rows are laid out
            return
        }
        if (atYEnd || count < 60)
            Qt.callLater(positionViewAtEnd)
    }
    property int keepIndex: -1
    function keepPlace() {
        if (keepIndex >= 0 && keepIndex < count && !loadingOlder)
            positionViewAtIndex(keepIndex, ListView.Beginning)
        keepIndex = -1
    }
    function endOlderAttempt() {
        if (count === countBeforeOlder && !messages.conversation.busy)   // not a newer attempt
            loadingOlder = false
    }
    // The view's geometry settles after rows are laid out, without always moving
    // contentY or originY: a reader left near the top still gets the next page.
    Timer {
        interval: 250
        repeat: true
        running: messages.visible && messages.count > 0 && messages.conversation.hasOlder
        onTriggered: {
            if (messages.conversation.busy)
                return
            // Nothing in flight: an attempt that left no rows is over, whatever ended it.
            if (messages.loadingOlder && messages.count === messages.countBeforeOlder)
                messages.loadingOlder = false
            if (!messages.loadingOlder)
                messages.loadIfNearTop()
        }
    }
    onAtYBeginningChanged: if (atYBeginning) loadOlder()
    // Within a screen of the top, the next page is already asked for, so a reader
    // scrolling up rarely reaches the edge and waits.
    // originY moves too: the view re-estimates the height of rows it has not laid out.
    function loadIfNearTop() {
        if (count > 0 && contentY - originY < height)
            loadOlder()
    }
    onContentYChanged: loadIfNearTop()
    onOriginYChanged: loadIfNearTop()
    Connections {
        target: messages.conversation
        // A page that failed, or came back empty, ends this attempt (checked once the
        // answer's rows, if any, are in: busy ends before they are added).
        function onBusyChanged() {
            if (!messages.conversation.busy)
                Qt.callLater(messages.endOlderAttempt)
        }
        function onChatChanged() { messages.loadingOlder = false }
    }
}

import QtQuick
import QtTest
import QtQuick.Controls
import Conversa.Core
import Conversa.Admin

// The Users screen's form against the real server, signed in as an administrator: a new user's
// fields filled in, the server's 422 shown under the field it names (and only there), then the
// user created, listed and opened in the form; the delete asks first.
TestCase {
    id: testCase
    name: "UserForm"
    when: windowShown
    width: 1280
    height: 720

    property AppContext theApp: app

    Component {
        id: usersPage
        UsersPage { app: testCase.theApp; width: 1280; height: 720 }
    }

    function initTestCase() {
        if (app.session.stage !== SessionController.SignedOut)
            app.session.logout()
        tryCompare(app.session, "stage", SessionController.SignedOut)
        app.session.login(serverUrl, "qml-admin@example.com", "correct horse 2", false)
        tryCompare(app.session, "stage", SessionController.SignedIn, 10000)
    }

    function cleanupTestCase() {
        app.session.logout()
        tryCompare(app.session, "stage", SessionController.SignedOut)
    }

    function test_createWithFieldError() {
        const page = createTemporaryObject(usersPage, testCase.Window.contentItem)
        const ctl = page.controller
        tryVerify(() => ctl.roles.length === 3, 5000)
        tryVerify(() => ctl.model.count >= 2, 5000)
        const newButton = findChild(page, "newUserButton")
        verify(newButton.visible)
        mouseClick(newButton)

        findChild(page, "firstNameField").text = "Rosa"
        findChild(page, "lastNameField").text = "Nueva"
        findChild(page, "emailField").text = "rosa@example.com"
        findChild(page, "phoneField").text = "not a phone"
        findChild(page, "passwordField").text = "correct horse 7"
        findChild(page, "capacityField").value = 3
        mouseClick(findChild(page, "saveUserButton"))

        const phoneError = findChild(page, "phoneError")
        tryVerify(() => phoneError.text.length > 0, 10000)
        compare(findChild(page, "emailError").text, "")
        compare(findChild(page, "capacityError").text, "")
        verify(findChild(page, "userFormMessage").visible)
        compare(ctl.itemId, 0)

        findChild(page, "phoneField").text = "+573009998877"
        mouseClick(findChild(page, "saveUserButton"))
        tryVerify(() => ctl.itemId > 0, 10000)
        tryCompare(phoneError, "text", "")
        tryCompare(findChild(page, "userFormTitle"), "text", "Rosa Nueva", 5000)
        compare(ctl.item.max_concurrent_chats, 3)
        compare(ctl.item.phone, "+573009998877")
        tryVerify(() => ctl.model.rowOf(ctl.itemId) >= 0, 5000)

        // Delete asks first; No keeps the user.
        mouseClick(findChild(page, "deleteUserButton"))
        const no = findChild(page.Overlay.overlay, "confirmNo")
        tryVerify(() => no && no.visible)
        mouseClick(no)
        verify(ctl.itemId > 0)
    }
}

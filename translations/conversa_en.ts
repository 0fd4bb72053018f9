<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>Api</name>
    <message>
        <source>A user with this email already exists</source>
        <translation>A user with this email already exists</translation>
    </message>
    <message>
        <source>The access token is invalid or expired</source>
        <translation>The access token is invalid or expired</translation>
    </message>
    <message>
        <source>The session has ended, sign in again</source>
        <translation>The session has ended, sign in again</translation>
    </message>
    <message>
        <source>This account is not active</source>
        <translation>This account is not active</translation>
    </message>
    <message>
        <source>Authentication is required</source>
        <translation>Authentication is required</translation>
    </message>
    <message>
        <source>You do not have permission to do this</source>
        <translation>You do not have permission to do this</translation>
    </message>
    <message>
        <source>Your role requires two-factor authentication: enable it to continue</source>
        <translation>Your role requires two-factor authentication: enable it to continue</translation>
    </message>
    <message>
        <source>Scan the QR code with WhatsApp</source>
        <translation>Scan the QR code with WhatsApp</translation>
    </message>
    <message>
        <source>The resource was not found</source>
        <translation>The resource was not found</translation>
    </message>
    <message>
        <source>This method is not allowed here</source>
        <translation>This method is not allowed here</translation>
    </message>
    <message>
        <source>The request body is too large</source>
        <translation>The request body is too large</translation>
    </message>
    <message>
        <source>The data sent is not valid</source>
        <translation>The data sent is not valid</translation>
    </message>
    <message>
        <source>Too many requests, try again later</source>
        <translation>Too many requests, try again later</translation>
    </message>
    <message>
        <source>An internal error occurred</source>
        <translation>An internal error occurred</translation>
    </message>
    <message>
        <source>The body must be JSON (Content-Type: application/json)</source>
        <translation>The body must be JSON (Content-Type: application/json)</translation>
    </message>
    <message>
        <source>The body is not valid JSON</source>
        <translation>The body is not valid JSON</translation>
    </message>
    <message>
        <source>The body must be a JSON object</source>
        <translation>The body must be a JSON object</translation>
    </message>
    <message>
        <source>The server is busy, try again shortly</source>
        <translation>The server is busy, try again shortly</translation>
    </message>
    <message>
        <source>The user&apos;s sign-in lock was cleared</source>
        <translation>The user&apos;s sign-in lock was cleared</translation>
    </message>
    <message>
        <source>The database is not available</source>
        <translation>The database is not available</translation>
    </message>
    <message>
        <source>This field is required</source>
        <translation>This field is required</translation>
    </message>
    <message>
        <source>Must be a text</source>
        <translation>Must be a text</translation>
    </message>
    <message>
        <source>Must be at most %1 characters</source>
        <translation>Must be at most %1 characters</translation>
    </message>
    <message>
        <source>Must be at least %1 characters</source>
        <translation>Must be at least %1 characters</translation>
    </message>
    <message>
        <source>Must be a valid email address</source>
        <translation>Must be a valid email address</translation>
    </message>
    <message>
        <source>Must be one of: %1</source>
        <translation>Must be one of: %1</translation>
    </message>
    <message>
        <source>Must be a phone number in international format, e.g. +573001234567</source>
        <translation>Must be a phone number in international format, e.g. +573001234567</translation>
    </message>
    <message>
        <source>Must be a whole number</source>
        <translation>Must be a whole number</translation>
    </message>
    <message>
        <source>Must be between %1 and %2</source>
        <translation>Must be between %1 and %2</translation>
    </message>
    <message>
        <source>Must be true or false</source>
        <translation>Must be true or false</translation>
    </message>
    <message>
        <source>Must be an object</source>
        <translation>Must be an object</translation>
    </message>
    <message>
        <source>Must be a positive whole number</source>
        <translation>Must be a positive whole number</translation>
    </message>
    <message>
        <source>Must be a date (YYYY-MM-DD) or an ISO 8601 date and time</source>
        <translation>Must be a date (YYYY-MM-DD) or an ISO 8601 date and time</translation>
    </message>
    <message>
        <source>Must not be earlier than from_date</source>
        <translation>Must not be earlier than from_date</translation>
    </message>
    <message>
        <source>The email or password is incorrect</source>
        <translation>The email or password is incorrect</translation>
    </message>
    <message>
        <source>The new password must be different from the current one</source>
        <translation>The new password must be different from the current one</translation>
    </message>
    <message>
        <source>The current password is incorrect</source>
        <translation>The current password is incorrect</translation>
    </message>
    <message>
        <source>The verification step is invalid or expired, sign in again</source>
        <translation>The verification step is invalid or expired, sign in again</translation>
    </message>
    <message>
        <source>The code is not valid</source>
        <translation>The code is not valid</translation>
    </message>
    <message>
        <source>Two-factor authentication is not enabled</source>
        <translation>Two-factor authentication is not enabled</translation>
    </message>
    <message>
        <source>The password is incorrect</source>
        <translation>The password is incorrect</translation>
    </message>
    <message>
        <source>Must be an http or https URL</source>
        <translation>Must be an http or https URL</translation>
    </message>
    <message>
        <source>Must be an existing role</source>
        <translation>Must be an existing role</translation>
    </message>
    <message>
        <source>The last active administrator cannot be demoted, deactivated or deleted</source>
        <translation>The last active administrator cannot be demoted, deactivated or deleted</translation>
    </message>
    <message>
        <source>You cannot delete your own user</source>
        <translation>You cannot delete your own user</translation>
    </message>
    <message>
        <source>The refresh token is invalid or expired</source>
        <translation>The refresh token is invalid or expired</translation>
    </message>
    <message>
        <source>The refresh token was already used; sign in again</source>
        <translation>The refresh token was already used; sign in again</translation>
    </message>
    <message>
        <source>Two-factor authentication is already enabled</source>
        <translation>Two-factor authentication is already enabled</translation>
    </message>
    <message>
        <source>There is no two-factor setup to confirm; call /auth/2fa/enable first</source>
        <translation>There is no two-factor setup to confirm; call /auth/2fa/enable first</translation>
    </message>
    <message>
        <source>Signed out successfully</source>
        <translation>Signed out successfully</translation>
    </message>
    <message>
        <source>Password updated successfully</source>
        <translation>Password updated successfully</translation>
    </message>
    <message>
        <source>Unknown day; use monday to sunday</source>
        <translation>Unknown day; use monday to sunday</translation>
    </message>
    <message>
        <source>Must be an object with start and end, or null</source>
        <translation>Must be an object with start and end, or null</translation>
    </message>
    <message>
        <source>Must be a time as HH:MM</source>
        <translation>Must be a time as HH:MM</translation>
    </message>
    <message>
        <source>Must be after the start time</source>
        <translation>Must be after the start time</translation>
    </message>
    <message>
        <source>Use only letters, digits, - and _</source>
        <translation>Use only letters, digits, - and _</translation>
    </message>
    <message>
        <source>Must be a known IANA time zone, e.g. America/Bogota</source>
        <translation>Must be a known IANA time zone, e.g. America/Bogota</translation>
    </message>
    <message>
        <source>Listed more than once</source>
        <translation>Listed more than once</translation>
    </message>
    <message>
        <source>A campaign with this code already exists</source>
        <translation>A campaign with this code already exists</translation>
    </message>
    <message>
        <source>Must be a list</source>
        <translation>Must be a list</translation>
    </message>
    <message>
        <source>Must be one of whatsapp_number_ids</source>
        <translation>Must be one of whatsapp_number_ids</translation>
    </message>
    <message>
        <source>Unknown WhatsApp number</source>
        <translation>Unknown WhatsApp number</translation>
    </message>
    <message>
        <source>At most %1 items</source>
        <translation>At most %1 items</translation>
    </message>
    <message>
        <source>Must be a list of texts of 1 to 50 characters</source>
        <translation>Must be a list of texts of 1 to 50 characters</translation>
    </message>
    <message>
        <source>Unknown user</source>
        <translation>Unknown user</translation>
    </message>
    <message>
        <source>A tag must not contain a slash</source>
        <translation>A tag must not contain a slash</translation>
    </message>
    <message>
        <source>At most %1 custom fields</source>
        <translation>At most %1 custom fields</translation>
    </message>
    <message>
        <source>Must map names (up to %1 characters) to text (up to %2 characters), numbers, true/false or null</source>
        <translation>Must map names (up to %1 characters) to text (up to %2 characters), numbers, true/false or null</translation>
    </message>
    <message>
        <source>Must be a list of texts</source>
        <translation>Must be a list of texts</translation>
    </message>
    <message>
        <source>Must be a valid phone number</source>
        <translation>Must be a valid phone number</translation>
    </message>
    <message>
        <source>Must be an ISO 8601 date and time</source>
        <translation>Must be an ISO 8601 date and time</translation>
    </message>
    <message>
        <source>A client with this phone number already exists</source>
        <translation>A client with this phone number already exists</translation>
    </message>
    <message>
        <source>The body must be multipart/form-data with a boundary</source>
        <translation>The body must be multipart/form-data with a boundary</translation>
    </message>
    <message>
        <source>The multipart body is malformed</source>
        <translation>The multipart body is malformed</translation>
    </message>
    <message>
        <source>A file is required</source>
        <translation>A file is required</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <source>This file type is not accepted</source>
        <translation>This file type is not accepted</translation>
    </message>
    <message>
        <source>Cannot be changed; create a new number instead</source>
        <translation>Cannot be changed; create a new number instead</translation>
    </message>
    <message>
        <source>Must be a JSON object of text, number or true/false values</source>
        <translation>Must be a JSON object of text, number or true/false values</translation>
    </message>
    <message>
        <source>The body must be multipart/form-data with a file part, or text/csv</source>
        <translation>The body must be multipart/form-data with a file part, or text/csv</translation>
    </message>
    <message>
        <source>The multipart body has no boundary</source>
        <translation>The multipart body has no boundary</translation>
    </message>
    <message>
        <source>A CSV file is required</source>
        <translation>A CSV file is required</translation>
    </message>
    <message>
        <source>The file must be UTF-8 text</source>
        <translation>The file must be UTF-8 text</translation>
    </message>
    <message>
        <source>The file must start with a header row</source>
        <translation>The file must start with a header row</translation>
    </message>
    <message>
        <source>The header must name a phone_number column</source>
        <translation>The header must name a phone_number column</translation>
    </message>
    <message>
        <source>A WhatsApp number with this phone number already exists</source>
        <translation>A WhatsApp number with this phone number already exists</translation>
    </message>
    <message>
        <source>A WhatsApp number with this Meta phone number ID already exists</source>
        <translation>A WhatsApp number with this Meta phone number ID already exists</translation>
    </message>
    <message>
        <source>This WPPConnect server already has a number with this session name</source>
        <translation>This WPPConnect server already has a number with this session name</translation>
    </message>
    <message>
        <source>Must be an active user</source>
        <translation>Must be an active user</translation>
    </message>
    <message>
        <source>A closed chat cannot be assigned</source>
        <translation>A closed chat cannot be assigned</translation>
    </message>
    <message>
        <source>The agent does not work on this chat&apos;s campaign</source>
        <translation>The agent does not work on this chat&apos;s campaign</translation>
    </message>
    <message>
        <source>You already hold as many open chats as you may</source>
        <translation>You already hold as many open chats as you may</translation>
    </message>
    <message>
        <source>Someone else took this chat first</source>
        <translation>Someone else took this chat first</translation>
    </message>
    <message>
        <source>This chat is not assigned to you: take it first (transfer it to yourself)</source>
        <translation>This chat is not assigned to you: take it first (transfer it to yourself)</translation>
    </message>
    <message>
        <source>A closed chat cannot be transferred</source>
        <translation>A closed chat cannot be transferred</translation>
    </message>
    <message>
        <source>No such campaign</source>
        <translation>No such campaign</translation>
    </message>
    <message>
        <source>The chat is already closed</source>
        <translation>The chat is already closed</translation>
    </message>
    <message>
        <source>Only a closed chat can be reopened</source>
        <translation>Only a closed chat can be reopened</translation>
    </message>
    <message>
        <source>The client already has an open chat on this number</source>
        <translation>The client already has an open chat on this number</translation>
    </message>
    <message>
        <source>No such file</source>
        <translation>No such file</translation>
    </message>
    <message>
        <source>No such message in this chat</source>
        <translation>No such message in this chat</translation>
    </message>
    <message>
        <source>The chat is closed</source>
        <translation>The chat is closed</translation>
    </message>
    <message>
        <source>The chat&apos;s WhatsApp number has no Meta business account id: an administrator must set meta_business_account_id</source>
        <translation>The chat&apos;s WhatsApp number has no Meta business account id: an administrator must set meta_business_account_id</translation>
    </message>
    <message>
        <source>The chat&apos;s WhatsApp number has no Meta access token</source>
        <translation>The chat&apos;s WhatsApp number has no Meta access token</translation>
    </message>
    <message>
        <source>Meta did not answer with the message templates: try again shortly</source>
        <translation>Meta did not answer with the message templates: try again shortly</translation>
    </message>
    <message>
        <source>Another request with this Idempotency-Key is being processed</source>
        <translation>Another request with this Idempotency-Key is being processed</translation>
    </message>
    <message>
        <source>Must be 1 to 128 visible ASCII characters</source>
        <translation>Must be 1 to 128 visible ASCII characters</translation>
    </message>
    <message>
        <source>This Idempotency-Key was used for a message to another chat</source>
        <translation>This Idempotency-Key was used for a message to another chat</translation>
    </message>
    <message>
        <source>Only inbound messages can be marked as read</source>
        <translation>Only inbound messages can be marked as read</translation>
    </message>
    <message>
        <source>Only a failed message can be retried</source>
        <translation>Only a failed message can be retried</translation>
    </message>
    <message>
        <source>You can only assign tasks to yourself</source>
        <translation>You can only assign tasks to yourself</translation>
    </message>
    <message>
        <source>Unknown client</source>
        <translation>Unknown client</translation>
    </message>
    <message>
        <source>Unknown chat</source>
        <translation>Unknown chat</translation>
    </message>
    <message>
        <source>The chat belongs to another client</source>
        <translation>The chat belongs to another client</translation>
    </message>
    <message>
        <source>Must be before the due date</source>
        <translation>Must be before the due date</translation>
    </message>
    <message>
        <source>The task is already completed</source>
        <translation>The task is already completed</translation>
    </message>
    <message>
        <source>The webhook signature is missing or wrong</source>
        <translation>The webhook signature is missing or wrong</translation>
    </message>
    <message>
        <source>The webhook token is missing or wrong</source>
        <translation>The webhook token is missing or wrong</translation>
    </message>
    <message>
        <source>The number needs a WPPConnect server URL, session name and secret key</source>
        <translation>The number needs a WPPConnect server URL, session name and secret key</translation>
    </message>
    <message>
        <source>Only WPPConnect numbers connect by QR code</source>
        <translation>Only WPPConnect numbers connect by QR code</translation>
    </message>
    <message>
        <source>The number needs a Meta phone number id and access token</source>
        <translation>The number needs a Meta phone number id and access token</translation>
    </message>
    <message>
        <source>More than 24 hours have passed since the client&apos;s last message: send a template instead</source>
        <translation>More than 24 hours have passed since the client&apos;s last message: send a template instead</translation>
    </message>
    <message>
        <source>Connect with an access token first</source>
        <translation>Connect with an access token first</translation>
    </message>
    <message>
        <source>Invalid namespace</source>
        <translation>Invalid namespace</translation>
    </message>
    <message>
        <source>Join the chat first</source>
        <translation>Join the chat first</translation>
    </message>
    <message>
        <source>Must be a list of 1 to %1 message ids</source>
        <translation>Must be a list of 1 to %1 message ids</translation>
    </message>
    <message>
        <source>HTTP long-polling is not supported: connect with transports: [&apos;websocket&apos;]</source>
        <translation>HTTP long-polling is not supported: connect with transports: [&apos;websocket&apos;]</translation>
    </message>
    <message>
        <source>Socket.IO needs a WebSocket upgrade with EIO=4 and transport=websocket</source>
        <translation>Socket.IO needs a WebSocket upgrade with EIO=4 and transport=websocket</translation>
    </message>
    <message>
        <source>A menu needs at least one option</source>
        <translation>A menu needs at least one option</translation>
    </message>
    <message>
        <source>A menu has at most %1 options</source>
        <translation>A menu has at most %1 options</translation>
    </message>
    <message>
        <source>At most %1 characters: up to three options are sent as WhatsApp reply buttons</source>
        <translation>At most %1 characters: up to three options are sent as WhatsApp reply buttons</translation>
    </message>
    <message>
        <source>At most %1 characters: four to ten options are sent as a WhatsApp list</source>
        <translation>At most %1 characters: four to ten options are sent as a WhatsApp list</translation>
    </message>
    <message>
        <source>The regular expression is empty</source>
        <translation>The regular expression is empty</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>Invalid regular expression: %1</translation>
    </message>
    <message>
        <source>Invalid JSON path</source>
        <translation>Invalid JSON path</translation>
    </message>
    <message>
        <source>A condition needs at least one rule or a default</source>
        <translation>A condition needs at least one rule or a default</translation>
    </message>
    <message>
        <source>A start node is required</source>
        <translation>A start node is required</translation>
    </message>
    <message>
        <source>Names %1, which is not a node of the flow</source>
        <translation>Names %1, which is not a node of the flow</translation>
    </message>
    <message>
        <source>Leads to %1, which is not a node of the flow</source>
        <translation>Leads to %1, which is not a node of the flow</translation>
    </message>
    <message>
        <source>No node sets %1 and the flow&apos;s variables do not define it</source>
        <translation>No node sets %1 and the flow&apos;s variables do not define it</translation>
    </message>
    <message>
        <source>These nodes loop without ever waiting for the customer: %1</source>
        <translation>These nodes loop without ever waiting for the customer: %1</translation>
    </message>
    <message>
        <source>No path from the start node leads here</source>
        <translation>No path from the start node leads here</translation>
    </message>
    <message>
        <source>The flow was published meanwhile; reload it</source>
        <translation>The flow was published meanwhile; reload it</translation>
    </message>
    <message>
        <source>The draft changed meanwhile: %1 saved revision %2 at %3. Reload it before saving</source>
        <translation>The draft changed meanwhile: %1 saved revision %2 at %3. Reload it before saving</translation>
    </message>
    <message>
        <source>The draft is at revision %1</source>
        <translation>The draft is at revision %1</translation>
    </message>
    <message>
        <source>Saved last by %1</source>
        <translation>Saved last by %1</translation>
    </message>
    <message>
        <source>Saved last at %1</source>
        <translation>Saved last at %1</translation>
    </message>
    <message>
        <source>A flow has at most %1 nodes</source>
        <translation>A flow has at most %1 nodes</translation>
    </message>
    <message>
        <source>%1 campaign(s) use this flow; choose another flow for them first</source>
        <translation>%1 campaign(s) use this flow; choose another flow for them first</translation>
    </message>
    <message>
        <source>The flow cannot be published until these problems are fixed</source>
        <translation>The flow cannot be published until these problems are fixed</translation>
    </message>
    <message>
        <source>Use only letters, digits and _, not starting with a digit</source>
        <translation>Use only letters, digits and _, not starting with a digit</translation>
    </message>
    <message>
        <source>Must be a text, a number, true or false</source>
        <translation>Must be a text, a number, true or false</translation>
    </message>
    <message>
        <source>At most %1 bytes as JSON</source>
        <translation>At most %1 bytes as JSON</translation>
    </message>
    <message>
        <source>Must be a revision of the draft in quotes, e.g. &quot;3&quot;</source>
        <translation>Must be a revision of the draft in quotes, e.g. &quot;3&quot;</translation>
    </message>
    <message>
        <source>Unknown bot flow</source>
        <translation>Unknown bot flow</translation>
    </message>
    <message>
        <source>The flow has no node with this key</source>
        <translation>The flow has no node with this key</translation>
    </message>
    <message>
        <source>The flow has no http_request node with this key</source>
        <translation>The flow has no http_request node with this key</translation>
    </message>
    <message>
        <source>The session had ended; this message was not read</source>
        <translation>The session had ended; this message was not read</translation>
    </message>
    <message>
        <source>At most %1 bytes</source>
        <translation>At most %1 bytes</translation>
    </message>
    <message>
        <source>Must be a text, or an object with text, reply_id or timeout: true</source>
        <translation>Must be a text, or an object with text, reply_id or timeout: true</translation>
    </message>
    <message>
        <source>Must be true, without text or reply_id</source>
        <translation>Must be true, without text or reply_id</translation>
    </message>
    <message>
        <source>Must be a date as YYYY-MM-DD</source>
        <translation>Must be a date as YYYY-MM-DD</translation>
    </message>
    <message>
        <source>The period can be at most %1 days long</source>
        <translation>The period can be at most %1 days long</translation>
    </message>
    <message>
        <source>A restore is running; try again when it has finished</source>
        <translation>A restore is running; try again when it has finished</translation>
    </message>
    <message>
        <source>Backup started. You will get a notification when it finishes.</source>
        <translation>Backup started. You will get a notification when it finishes.</translation>
    </message>
    <message>
        <source>The backup has finished.</source>
        <translation>The backup has finished.</translation>
    </message>
    <message>
        <source>The backup failed.</source>
        <translation>The backup failed.</translation>
    </message>
    <message>
        <source>The backup is still being written</source>
        <translation>The backup is still being written</translation>
    </message>
    <message>
        <source>Only a completed backup can be restored</source>
        <translation>Only a completed backup can be restored</translation>
    </message>
    <message>
        <source>A restore is already running</source>
        <translation>A restore is already running</translation>
    </message>
    <message>
        <source>The backup archive is damaged: %1</source>
        <translation>The backup archive is damaged: %1</translation>
    </message>
    <message>
        <source>The file is not a readable .zip archive</source>
        <translation>The file is not a readable .zip archive</translation>
    </message>
    <message>
        <source>The archive has too many entries or none</source>
        <translation>The archive has too many entries or none</translation>
    </message>
    <message>
        <source>The archive is not a Conversa backup (no manifest.json)</source>
        <translation>The archive is not a Conversa backup (no manifest.json)</translation>
    </message>
    <message>
        <source>The archive is not a Conversa backup (%1)</source>
        <translation>The archive is not a Conversa backup (%1)</translation>
    </message>
    <message>
        <source>The archive was written by a newer server (format %1)</source>
        <translation>The archive was written by a newer server (format %1)</translation>
    </message>
    <message>
        <source>The archive holds an unsafe path: %1</source>
        <translation>The archive holds an unsafe path: %1</translation>
    </message>
    <message>
        <source>The archive expands beyond the allowed size</source>
        <translation>The archive expands beyond the allowed size</translation>
    </message>
    <message>
        <source>The archive holds a link or special file: %1</source>
        <translation>The archive holds a link or special file: %1</translation>
    </message>
    <message>
        <source>The backup directory is not writable</source>
        <translation>The backup directory is not writable</translation>
    </message>
    <message>
        <source>The database could not be copied</source>
        <translation>The database could not be copied</translation>
    </message>
    <message>
        <source>The archive holds a %1 database; this server uses %2</source>
        <translation>The archive holds a %1 database; this server uses %2</translation>
    </message>
    <message>
        <source>The archive has schema version %1, newer than this server&apos;s %2: upgrade first</source>
        <translation>The archive has schema version %1, newer than this server&apos;s %2: upgrade first</translation>
    </message>
    <message>
        <source>The archive holds no database</source>
        <translation>The archive holds no database</translation>
    </message>
    <message>
        <source>Not enough free disk space to restore this archive</source>
        <translation>Not enough free disk space to restore this archive</translation>
    </message>
    <message>
        <source>The data directory is not writable</source>
        <translation>The data directory is not writable</translation>
    </message>
    <message>
        <source>The database could not be restored</source>
        <translation>The database could not be restored</translation>
    </message>
    <message>
        <source>A backup is being written; try again when it has finished</source>
        <translation>A backup is being written; try again when it has finished</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Exported at (UTC)</source>
        <translation>Exported at (UTC)</translation>
    </message>
    <message>
        <source>Conversations listed</source>
        <translation>Conversations listed</translation>
    </message>
    <message>
        <source>List cut short</source>
        <translation>List cut short</translation>
    </message>
    <message>
        <source>Campaign id</source>
        <translation>Campaign id</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>Agent id</source>
        <translation>Agent id</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>WhatsApp number id</source>
        <translation>WhatsApp number id</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Granularity</source>
        <translation>Granularity</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Hour</source>
        <translation>Hour</translation>
    </message>
    <message>
        <source>From (UTC)</source>
        <translation>From (UTC)</translation>
    </message>
    <message>
        <source>To (UTC)</source>
        <translation>To (UTC)</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Total conversations</source>
        <translation>Total conversations</translation>
    </message>
    <message>
        <source>Conversations handled</source>
        <translation>Conversations handled</translation>
    </message>
    <message>
        <source>Conversations abandoned</source>
        <translation>Conversations abandoned</translation>
    </message>
    <message>
        <source>Conversations closed</source>
        <translation>Conversations closed</translation>
    </message>
    <message>
        <source>Average wait (s)</source>
        <translation>Average wait (s)</translation>
    </message>
    <message>
        <source>Waits measured</source>
        <translation>Waits measured</translation>
    </message>
    <message>
        <source>Average first response time (s)</source>
        <translation>Average first response time (s)</translation>
    </message>
    <message>
        <source>First responses measured</source>
        <translation>First responses measured</translation>
    </message>
    <message>
        <source>Average handling time (s)</source>
        <translation>Average handling time (s)</translation>
    </message>
    <message>
        <source>Handling times measured</source>
        <translation>Handling times measured</translation>
    </message>
    <message>
        <source>First-response SLA compliance (%)</source>
        <translation>First-response SLA compliance (%)</translation>
    </message>
    <message>
        <source>First responses checked against the SLA</source>
        <translation>First responses checked against the SLA</translation>
    </message>
    <message>
        <source>Resolution SLA compliance (%)</source>
        <translation>Resolution SLA compliance (%)</translation>
    </message>
    <message>
        <source>Resolutions checked against the SLA</source>
        <translation>Resolutions checked against the SLA</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <source>Messages per conversation</source>
        <translation>Messages per conversation</translation>
    </message>
    <message>
        <source>Average CSAT</source>
        <translation>Average CSAT</translation>
    </message>
    <message>
        <source>CSAT answers</source>
        <translation>CSAT answers</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenue</translation>
    </message>
    <message>
        <source>Resolved by the bot</source>
        <translation>Resolved by the bot</translation>
    </message>
    <message>
        <source>Handed over by the bot</source>
        <translation>Handed over by the bot</translation>
    </message>
    <message>
        <source>Still in the bot</source>
        <translation>Still in the bot</translation>
    </message>
    <message>
        <source>Handled by agents</source>
        <translation>Handled by agents</translation>
    </message>
    <message>
        <source>Conversations transferred</source>
        <translation>Conversations transferred</translation>
    </message>
    <message>
        <source>Messages sent</source>
        <translation>Messages sent</translation>
    </message>
    <message>
        <source>Conversations per hour</source>
        <translation>Conversations per hour</translation>
    </message>
    <message>
        <source>SLA compliance (%)</source>
        <translation>SLA compliance (%)</translation>
    </message>
    <message>
        <source>Available (s)</source>
        <translation>Available (s)</translation>
    </message>
    <message>
        <source>Busy (s)</source>
        <translation>Busy (s)</translation>
    </message>
    <message>
        <source>Paused (s)</source>
        <translation>Paused (s)</translation>
    </message>
    <message>
        <source>Offline (s)</source>
        <translation>Offline (s)</translation>
    </message>
    <message>
        <source>Messages received</source>
        <translation>Messages received</translation>
    </message>
    <message>
        <source>Messages failed</source>
        <translation>Messages failed</translation>
    </message>
    <message>
        <source>Messages pending</source>
        <translation>Messages pending</translation>
    </message>
    <message>
        <source>Delivery rate (%)</source>
        <translation>Delivery rate (%)</translation>
    </message>
    <message>
        <source>Messages sent, for the delivery rate</source>
        <translation>Messages sent, for the delivery rate</translation>
    </message>
    <message>
        <source>Read rate (%)</source>
        <translation>Read rate (%)</translation>
    </message>
    <message>
        <source>Messages sent, for the read rate</source>
        <translation>Messages sent, for the read rate</translation>
    </message>
    <message>
        <source>Median delivery time (s)</source>
        <translation>Median delivery time (s)</translation>
    </message>
    <message>
        <source>Deliveries measured</source>
        <translation>Deliveries measured</translation>
    </message>
    <message>
        <source>Conversations opened</source>
        <translation>Conversations opened</translation>
    </message>
    <message>
        <source>Connected (s)</source>
        <translation>Connected (s)</translation>
    </message>
    <message>
        <source>Uptime (%)</source>
        <translation>Uptime (%)</translation>
    </message>
    <message>
        <source>Connection measured (s)</source>
        <translation>Connection measured (s)</translation>
    </message>
    <message>
        <source>Disconnects</source>
        <translation>Disconnects</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Outcome: %1</translation>
    </message>
    <message>
        <source>CSAT answers of %1</source>
        <translation>CSAT answers of %1</translation>
    </message>
    <message>
        <source>Hourly</source>
        <translation>Hourly</translation>
    </message>
    <message>
        <source>Daily</source>
        <translation>Daily</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation>Conversation</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>First response by</source>
        <translation>First response by</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>First response</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Wait (s)</source>
        <translation>Wait (s)</translation>
    </message>
    <message>
        <source>First response time (s)</source>
        <translation>First response time (s)</translation>
    </message>
    <message>
        <source>Handling time (s)</source>
        <translation>Handling time (s)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>CSAT</source>
        <translation>CSAT</translation>
    </message>
    <message>
        <source>Bot or human</source>
        <translation>Bot or human</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Figure</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Period: %1 to %2</source>
        <translation>Period: %1 to %2</translation>
    </message>
    <message>
        <source>Time zone: %1</source>
        <translation>Time zone: %1</translation>
    </message>
    <message>
        <source>Generated at: %1</source>
        <translation>Generated at: %1</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Page %1 of %2</translation>
    </message>
    <message>
        <source>(continued)</source>
        <translation>(continued)</translation>
    </message>
    <message>
        <source>No data</source>
        <translation>No data</translation>
    </message>
    <message>
        <source>Only the first %1 of %2 conversations are listed: the CSV and Excel exports list them all.</source>
        <translation>Only the first %1 of %2 conversations are listed: the CSV and Excel exports list them all.</translation>
    </message>
    <message>
        <source>Campaign report</source>
        <translation>Campaign report</translation>
    </message>
    <message>
        <source>Agent report</source>
        <translation>Agent report</translation>
    </message>
    <message>
        <source>WhatsApp number report</source>
        <translation>WhatsApp number report</translation>
    </message>
    <message>
        <source>Summary report</source>
        <translation>Summary report</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Two-factor</source>
        <translation>Two-factor</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>New password (at least 8 characters)</source>
        <translation>New password (at least 8 characters)</translation>
    </message>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>Two-factor authentication is on.</source>
        <translation>Two-factor authentication is on.</translation>
    </message>
    <message>
        <source>Turn on two-factor authentication</source>
        <translation>Turn on two-factor authentication</translation>
    </message>
    <message>
        <source>Scan it with your authenticator app, or enter the key %1</source>
        <translation>Scan it with your authenticator app, or enter the key %1</translation>
    </message>
    <message>
        <source>Backup codes (each works once): %1</source>
        <translation>Backup codes (each works once): %1</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Code from the app</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>The server cannot be reached. Check the address and your connection.</source>
        <translation>The server cannot be reached. Check the address and your connection.</translation>
    </message>
    <message>
        <source>The server answered with an error (HTTP %1).</source>
        <translation>The server answered with an error (HTTP %1).</translation>
    </message>
</context>
<context>
    <name>ChatDelegate</name>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>High priority</translation>
    </message>
    <message>
        <source>You: </source>
        <translation>You: </translation>
    </message>
</context>
<context>
    <name>ChatListPane</name>
    <message>
        <source>My chats</source>
        <translation>My chats</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Search by name or phone (Ctrl+F)</source>
        <translation>Search by name or phone (Ctrl+F)</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>All campaigns</source>
        <translation>All campaigns</translation>
    </message>
    <message>
        <source>No chats</source>
        <translation>No chats</translation>
    </message>
    <message>
        <source>Nothing matches the search or the filters.</source>
        <translation>Nothing matches the search or the filters.</translation>
    </message>
    <message>
        <source>No client is waiting in the queue.</source>
        <translation>No client is waiting in the queue.</translation>
    </message>
    <message>
        <source>Chats assigned to you appear here. Set yourself Available to receive them.</source>
        <translation>Chats assigned to you appear here. Set yourself Available to receive them.</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <source>The server cannot be reached. Reconnecting… Messages waiting to be sent: %1</source>
        <translation>The server cannot be reached. Reconnecting… Messages waiting to be sent: %1</translation>
    </message>
    <message>
        <source>The server cannot be reached. Reconnecting…</source>
        <translation>The server cannot be reached. Reconnecting…</translation>
    </message>
</context>
<context>
    <name>Conversa::ApiClient</name>
    <message>
        <source>Could not reach the server</source>
        <translation>Could not reach the server</translation>
    </message>
</context>
<context>
    <name>ConversationController</name>
    <message>
        <source>The 24-hour window is closed: only templates can be sent.</source>
        <translation>The 24-hour window is closed: only templates can be sent.</translation>
    </message>
    <message>
        <source>24-hour window: %1 h %2 min left</source>
        <translation>24-hour window: %1 h %2 min left</translation>
    </message>
    <message>
        <source>%1 is typing…</source>
        <translation>%1 is typing…</translation>
    </message>
</context>
<context>
    <name>ConversationPane</name>
    <message>
        <source>Select a chat</source>
        <translation>Select a chat</translation>
    </message>
    <message>
        <source>Choose one in the list, or go through them with Ctrl+Down and Ctrl+Up. Ctrl+F searches.</source>
        <translation>Choose one in the list, or go through them with Ctrl+Down and Ctrl+Up. Ctrl+F searches.</translation>
    </message>
    <message>
        <source>This chat is not yours yet. Take it to reply.</source>
        <translation>This chat is not yours yet. Take it to reply.</translation>
    </message>
    <message>
        <source>Take chat</source>
        <translation>Take chat</translation>
    </message>
</context>
<context>
    <name>InboxController</name>
    <message>
        <source>New chat</source>
        <translation>New chat</translation>
    </message>
    <message>
        <source>New message</source>
        <translation>New message</translation>
    </message>
</context>
<context>
    <name>LoginPage</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Two-step verification</source>
        <translation>Two-step verification</translation>
    </message>
    <message>
        <source>Sign in to your workstation</source>
        <translation>Sign in to your workstation</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>agent@company.com</source>
        <translation>agent@company.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Remember me on this computer</source>
        <translation>Remember me on this computer</translation>
    </message>
    <message>
        <source>Enter the 6-digit code from your authenticator app, or one of your backup codes.</source>
        <translation>Enter the 6-digit code from your authenticator app, or one of your backup codes.</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Conversa — %1</source>
        <translation>Conversa — %1</translation>
    </message>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
</context>
<context>
    <name>MessageBubble</name>
    <message>
        <source>Template: %1</source>
        <translation>Template: %1</translation>
    </message>
    <message>
        <source>Not delivered (%1): %2</source>
        <translation>Not delivered (%1): %2</translation>
    </message>
    <message>
        <source>Not delivered: %1</source>
        <translation>Not delivered: %1</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Sending</translation>
    </message>
    <message>
        <source>Waiting for the connection</source>
        <translation>Waiting for the connection</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Sent</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Read</translation>
    </message>
    <message>
        <source>Not delivered</source>
        <translation>Not delivered</translation>
    </message>
</context>
<context>
    <name>SessionController</name>
    <message>
        <source>Enter the server's address, for example https://conversa.example.com</source>
        <translation>Enter the server's address, for example https://conversa.example.com</translation>
    </message>
    <message>
        <source>Enter your email and password.</source>
        <translation>Enter your email and password.</translation>
    </message>
    <message>
        <source>Enter the code from your authenticator app or a backup code.</source>
        <translation>Enter the code from your authenticator app or a backup code.</translation>
    </message>
    <message>
        <source>The verification expired. Sign in again.</source>
        <translation>The verification expired. Sign in again.</translation>
    </message>
    <message>
        <source>The saved login could not be read from the system keychain (%1). Sign in again.</source>
        <translation>The saved login could not be read from the system keychain (%1). Sign in again.</translation>
    </message>
    <message>
        <source>Your saved login has expired. Sign in again.</source>
        <translation>Your saved login has expired. Sign in again.</translation>
    </message>
    <message>
        <source>Your session has ended. Sign in again.</source>
        <translation>Your session has ended. Sign in again.</translation>
    </message>
    <message>
        <source>No system keychain is available (%1), so this login is not remembered: you will sign in again next time.</source>
        <translation>No system keychain is available (%1), so this login is not remembered: you will sign in again next time.</translation>
    </message>
    <message>
        <source>Your password has been changed.</source>
        <translation>Your password has been changed.</translation>
    </message>
    <message>
        <source>Two-factor authentication is on. Keep your backup codes somewhere safe.</source>
        <translation>Two-factor authentication is on. Keep your backup codes somewhere safe.</translation>
    </message>
    <message>
        <source>Two-factor authentication could not be turned on.</source>
        <translation>Two-factor authentication could not be turned on.</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>The backup has been restored and every session has ended. Sign in again with an account of the restored data.</source>
        <translation>The backup has been restored and every session has ended. Sign in again with an account of the restored data.</translation>
    </message>
</context>
<context>
    <name>TrayNotifier</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Conversa — %1 unread</source>
        <translation>Conversa — %1 unread</translation>
    </message>
</context>
<context>
    <name>WorkspacePage</name>
    <message>
        <source>Conversa</source>
        <translation>Conversa</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>Two-factor authentication…</source>
        <translation>Two-factor authentication…</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Reason (e.g. lunch)</source>
        <translation>Reason (e.g. lunch)</translation>
    </message>
    <message>
        <source>Chats</source>
        <translation>Chats</translation>
    </message>
    <message>
        <source>Bot flows</source>
        <translation>Bot flows</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Clients and tasks</source>
        <translation>Clients and tasks</translation>
    </message>
</context>
<context>
    <name>ChatStatus</name>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>With the bot</source>
        <translation>With the bot</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Waiting on the client</source>
        <translation>Waiting on the client</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
</context>
<context>
    <name>Theme</name>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>ChoiceDelegate</name>
    <message>
        <source>%1 of %2 chats</source>
        <translation>%1 of %2 chats</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <source>Assign the chat</source>
        <translation>Assign the chat</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Assign</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ClientDialog</name>
    <message>
        <source>Client details</source>
        <translation>Client details</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Separated by commas</source>
        <translation>Separated by commas</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>One per line: name: value</source>
        <translation>One per line: name: value</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ClientPanel</name>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Edit client…</source>
        <translation>Edit client…</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Add a tag</source>
        <translation>Add a tag</translation>
    </message>
    <message>
        <source>Internal notes</source>
        <translation>Internal notes</translation>
    </message>
    <message>
        <source>Add an internal note</source>
        <translation>Add an internal note</translation>
    </message>
</context>
<context>
    <name>CloseChatDialog</name>
    <message>
        <source>Close the chat</source>
        <translation>Close the chat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Sale</source>
        <translation>Sale</translation>
    </message>
    <message>
        <source>No sale</source>
        <translation>No sale</translation>
    </message>
    <message>
        <source>Information</source>
        <translation>Information</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>Complaint</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Close chat</source>
        <translation>Close chat</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>The file %1 cannot be read.</source>
        <translation>The file %1 cannot be read.</translation>
    </message>
    <message>
        <source>This chat's number has no approved templates.</source>
        <translation>This chat's number has no approved templates.</translation>
    </message>
</context>
<context>
    <name>ComposerBar</name>
    <message>
        <source>Write a message (Enter sends, Shift+Enter for a new line)</source>
        <translation>Write a message (Enter sends, Shift+Enter for a new line)</translation>
    </message>
    <message>
        <source>Attach…</source>
        <translation>Attach…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>Choose a template</source>
        <translation>Choose a template</translation>
    </message>
    <message>
        <source>Send template</source>
        <translation>Send template</translation>
    </message>
    <message>
        <source>Send a file</source>
        <translation>Send a file</translation>
    </message>
</context>
<context>
    <name>ConversationHeader</name>
    <message>
        <source>Reopen</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>Transfer…</source>
        <translation>Transfer…</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Assign…</translation>
    </message>
    <message>
        <source>Close…</source>
        <translation>Close…</translation>
    </message>
    <message>
        <source>Hide client</source>
        <translation>Hide client</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>Transfer the chat</source>
        <translation>Transfer the chat</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>Back to the queue</translation>
    </message>
    <message>
        <source>To an agent</source>
        <translation>To an agent</translation>
    </message>
    <message>
        <source>To a campaign</source>
        <translation>To a campaign</translation>
    </message>
    <message>
        <source>Nothing to choose from: you may only send the chat back to the queue.</source>
        <translation>Nothing to choose from: you may only send the chat back to the queue.</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>Bot</name>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
</context>
<context>
    <name>Survey</name>
    <message>
        <source>5 ⭐ Very satisfied</source>
        <translation>5 ⭐ Very satisfied</translation>
    </message>
    <message>
        <source>4 ⭐ Satisfied</source>
        <translation>4 ⭐ Satisfied</translation>
    </message>
    <message>
        <source>3 ⭐ Neutral</source>
        <translation>3 ⭐ Neutral</translation>
    </message>
    <message>
        <source>2 ⭐ Dissatisfied</source>
        <translation>2 ⭐ Dissatisfied</translation>
    </message>
    <message>
        <source>1 ⭐ Very dissatisfied</source>
        <translation>1 ⭐ Very dissatisfied</translation>
    </message>
    <message>
        <source>How satisfied are you with the help you received?</source>
        <translation>How satisfied are you with the help you received?</translation>
    </message>
    <message>
        <source>Reply with a number from 1 (very dissatisfied) to 5 (very satisfied).</source>
        <translation>Reply with a number from 1 (very dissatisfied) to 5 (very satisfied).</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Rate</translation>
    </message>
    <message>
        <source>Thank you for your rating!</source>
        <translation>Thank you for your rating!</translation>
    </message>
</context>
<context>
    <name>FlowValidator</name>
    <message>
        <source>Invalid JSON path</source>
        <translation>Invalid JSON path</translation>
    </message>
    <message>
        <source>The regular expression is empty</source>
        <translation>The regular expression is empty</translation>
    </message>
    <message>
        <source>Invalid regular expression: %1</source>
        <translation>Invalid regular expression: %1</translation>
    </message>
    <message>
        <source>A menu needs at least one option</source>
        <translation>A menu needs at least one option</translation>
    </message>
    <message>
        <source>A menu has at most %1 options</source>
        <translation>A menu has at most %1 options</translation>
    </message>
    <message>
        <source>An option needs a label</source>
        <translation>An option needs a label</translation>
    </message>
    <message>
        <source>At most %1 characters: up to three options are sent as WhatsApp reply buttons</source>
        <translation>At most %1 characters: up to three options are sent as WhatsApp reply buttons</translation>
    </message>
    <message>
        <source>At most %1 characters: four to ten options are sent as a WhatsApp list</source>
        <translation>At most %1 characters: four to ten options are sent as a WhatsApp list</translation>
    </message>
    <message>
        <source>A condition needs at least one rule or a default</source>
        <translation>A condition needs at least one rule or a default</translation>
    </message>
    <message>
        <source>A rule needs a variable</source>
        <translation>A rule needs a variable</translation>
    </message>
    <message>
        <source>Must be one of: %1</source>
        <translation>Must be one of: %1</translation>
    </message>
    <message>
        <source>A start node is required</source>
        <translation>A start node is required</translation>
    </message>
    <message>
        <source>Names %1, which is not a node of the flow</source>
        <translation>Names %1, which is not a node of the flow</translation>
    </message>
    <message>
        <source>Connect this to the node that follows</source>
        <translation>Connect this to the node that follows</translation>
    </message>
    <message>
        <source>Nothing follows: a session that gets here goes to the queue</source>
        <translation>Nothing follows: a session that gets here goes to the queue</translation>
    </message>
    <message>
        <source>Leads to %1, which is not a node of the flow</source>
        <translation>Leads to %1, which is not a node of the flow</translation>
    </message>
    <message>
        <source>No node sets %1 and the flow&apos;s variables do not define it</source>
        <translation>No node sets %1 and the flow&apos;s variables do not define it</translation>
    </message>
    <message>
        <source>These nodes loop without ever waiting for the customer: %1</source>
        <translation>These nodes loop without ever waiting for the customer: %1</translation>
    </message>
    <message>
        <source>No path from the start node leads here</source>
        <translation>No path from the start node leads here</translation>
    </message>
</context>
<context>
    <name>FlowDocument</name>
    <message>
        <source>Remove the fallback node</source>
        <translation>Remove the fallback node</translation>
    </message>
    <message>
        <source>Send timeouts and invalid answers to %1</source>
        <translation>Send timeouts and invalid answers to %1</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Rename %1 to %2</translation>
    </message>
    <message>
        <source>Add node %1</source>
        <translation>Add node %1</translation>
    </message>
    <message>
        <source>Delete node %1</source>
        <translation>Delete node %1</translation>
    </message>
    <message>
        <source>Delete %1 nodes</source>
        <translation>Delete %1 nodes</translation>
    </message>
    <message>
        <source>Move node %1</source>
        <translation>Move node %1</translation>
    </message>
    <message>
        <source>Move %1 nodes</source>
        <translation>Move %1 nodes</translation>
    </message>
    <message>
        <source>Connect %1 to %2</source>
        <translation>Connect %1 to %2</translation>
    </message>
    <message>
        <source>Disconnect %1 from %2</source>
        <translation>Disconnect %1 from %2</translation>
    </message>
    <message>
        <source>Edit node %1</source>
        <translation>Edit node %1</translation>
    </message>
    <message>
        <source>Add option to %1</source>
        <translation>Add option to %1</translation>
    </message>
    <message>
        <source>Remove option from %1</source>
        <translation>Remove option from %1</translation>
    </message>
    <message>
        <source>Add rule to %1</source>
        <translation>Add rule to %1</translation>
    </message>
    <message>
        <source>Remove rule from %1</source>
        <translation>Remove rule from %1</translation>
    </message>
    <message>
        <source>Start the flow at %1</source>
        <translation>Start the flow at %1</translation>
    </message>
    <message>
        <source>Paste node %1</source>
        <translation>Paste node %1</translation>
    </message>
    <message>
        <source>Paste %1 nodes</source>
        <translation>Paste %1 nodes</translation>
    </message>
    <message>
        <source>Arrange the nodes automatically</source>
        <translation>Arrange the nodes automatically</translation>
    </message>
</context>
<context>
    <name>FlowNodeModel</name>
    <message>
        <source>Otherwise</source>
        <translation>Otherwise</translation>
    </message>
    <message>
        <source>On error</source>
        <translation>On error</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
</context>
<context>
    <name>FlowCanvas</name>
    <message>
        <source>Add a node from the palette to begin</source>
        <translation>Add a node from the palette to begin</translation>
    </message>
</context>
<context>
    <name>FlowEditorController</name>
    <message>
        <source>Draft saved</source>
        <translation>Draft saved</translation>
    </message>
    <message>
        <source>Published as version %1</source>
        <translation>Published as version %1</translation>
    </message>
    <message>
        <source>Version %1 restored as the draft</source>
        <translation>Version %1 restored as the draft</translation>
    </message>
</context>
<context>
    <name>FlowEditorPage</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Set variable</source>
        <translation>Set variable</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP request</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Update client</source>
        <translation>Update client</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message>
        <source>Bot flows</source>
        <translation>Bot flows</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Version %1</translation>
    </message>
    <message>
        <source>unpublished changes</source>
        <translation>unpublished changes</translation>
    </message>
    <message>
        <source>Never published</source>
        <translation>Never published</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>(version %1)</source>
        <translation>(version %1)</translation>
    </message>
    <message>
        <source>(draft)</source>
        <translation>(draft)</translation>
    </message>
    <message>
        <source>Open or create a flow</source>
        <translation>Open or create a flow</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>Arrange</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>Reload (lose my changes)</source>
        <translation>Reload (lose my changes)</translation>
    </message>
    <message>
        <source>Problems: %1 errors, %2 warnings</source>
        <translation>Problems: %1 errors, %2 warnings</translation>
    </message>
    <message>
        <source>Rename the flow</source>
        <translation>Rename the flow</translation>
    </message>
    <message>
        <source>New bot flow</source>
        <translation>New bot flow</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Delete the flow</source>
        <translation>Delete the flow</translation>
    </message>
    <message>
        <source>Delete “%1”? Campaigns that use it must be changed first.</source>
        <translation>Delete “%1”? Campaigns that use it must be changed first.</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <source>The changes to “%1” are not saved. Discard them?</source>
        <translation>The changes to “%1” are not saved. Discard them?</translation>
    </message>
    <message>
        <source>Versions…</source>
        <translation>Versions…</translation>
    </message>
    <message>
        <source>Published versions</source>
        <translation>Published versions</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Find</translation>
    </message>
    <message>
        <source>Keyboard shortcuts (F1)</source>
        <translation>Keyboard shortcuts (F1)</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Node</translation>
    </message>
    <message>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
</context>
<context>
    <name>FlowInspector</name>
    <message numerus="yes">
        <source>%n nodes selected</source>
        <translation>
            <numerusform>%n node selected</numerusform>
            <numerusform>%n nodes selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Select a node to edit it</source>
        <translation>Select a node to edit it</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Save the answer as</source>
        <translation>Save the answer as</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <source>Remove the option</source>
        <translation>Remove the option</translation>
    </message>
    <message>
        <source>Add option</source>
        <translation>Add option</translation>
    </message>
    <message>
        <source>Option %1</source>
        <translation>Option %1</translation>
    </message>
    <message>
        <source>Rules</source>
        <translation>Rules</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Add rule</source>
        <translation>Add rule</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Start here</source>
        <translation>Start here</translation>
    </message>
    <message>
        <source>No fallback</source>
        <translation>No fallback</translation>
    </message>
    <message>
        <source>Fallback here</source>
        <translation>Fallback here</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Media file id (optional)</source>
        <translation>Media file id (optional)</translation>
    </message>
    <message>
        <source>Options (label, value, next)</source>
        <translation>Options (label, value, next)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Any text</source>
        <translation>Any text</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>A number</translation>
    </message>
    <message>
        <source>An email address</source>
        <translation>An email address</translation>
    </message>
    <message>
        <source>A phone number</source>
        <translation>A phone number</translation>
    </message>
    <message>
        <source>A date</source>
        <translation>A date</translation>
    </message>
    <message>
        <source>A regular expression</source>
        <translation>A regular expression</translation>
    </message>
    <message>
        <source>Pattern, e.g. [A-Z]{3}[0-9]{3}</source>
        <translation>Pattern, e.g. [A-Z]{3}[0-9]{3}</translation>
    </message>
    <message>
        <source>Try an answer</source>
        <translation>Try an answer</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Reply to an invalid answer</source>
        <translation>Reply to an invalid answer</translation>
    </message>
    <message>
        <source>Rules, tried in order</source>
        <translation>Rules, tried in order</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>Pattern</translation>
    </message>
    <message>
        <source>Remove the rule</source>
        <translation>Remove the rule</translation>
    </message>
    <message>
        <source>Otherwise</source>
        <translation>Otherwise</translation>
    </message>
    <message>
        <source>Set (name, template)</source>
        <translation>Set (name, template)</translation>
    </message>
    <message>
        <source>{{answer}} or text</source>
        <translation>{{answer}} or text</translation>
    </message>
    <message>
        <source>Timeout in milliseconds (at most 30,000)</source>
        <translation>Timeout in milliseconds (at most 30,000)</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Headers</source>
        <translation>Headers</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>Save from the answer (variable, JSON path)</source>
        <translation>Save from the answer (variable, JSON path)</translation>
    </message>
    <message>
        <source>On error</source>
        <translation>On error</translation>
    </message>
    <message>
        <source>Try it in the simulator</source>
        <translation>Try it in the simulator</translation>
    </message>
    <message>
        <source>Chat tags (comma separated)</source>
        <translation>Chat tags (comma separated)</translation>
    </message>
    <message>
        <source>Client tags (comma separated)</source>
        <translation>Client tags (comma separated)</translation>
    </message>
    <message>
        <source>Client fields (lead_status, segment…)</source>
        <translation>Client fields (lead_status, segment…)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>Transfer to</source>
        <translation>Transfer to</translation>
    </message>
    <message>
        <source>The campaign&apos;s queue</source>
        <translation>The campaign&apos;s queue</translation>
    </message>
    <message>
        <source>A campaign</source>
        <translation>A campaign</translation>
    </message>
    <message>
        <source>An agent</source>
        <translation>An agent</translation>
    </message>
    <message>
        <source>The campaign&apos;s id</source>
        <translation>The campaign&apos;s id</translation>
    </message>
    <message>
        <source>The agent&apos;s id</source>
        <translation>The agent&apos;s id</translation>
    </message>
    <message>
        <source>Skills (comma separated)</source>
        <translation>Skills (comma separated)</translation>
    </message>
    <message>
        <source>Wait (seconds)</source>
        <translation>Wait (seconds)</translation>
    </message>
    <message>
        <source>Close the chat</source>
        <translation>Close the chat</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Variables in scope (click to insert)</source>
        <translation>Variables in scope (click to insert)</translation>
    </message>
    <message>
        <source>Sets: %1</source>
        <translation>Sets: %1</translation>
    </message>
</context>
<context>
    <name>FlowNodeItem</name>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Menu</source>
        <translation>Menu</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Set variable</source>
        <translation>Set variable</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP request</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>Update client</source>
        <translation>Update client</translation>
    </message>
    <message>
        <source>Transfer</source>
        <translation>Transfer</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Delay</translation>
    </message>
    <message>
        <source>End</source>
        <translation>End</translation>
    </message>
    <message numerus="yes">
        <source>%n rule(s)</source>
        <translation>
            <numerusform>%n rule</numerusform>
            <numerusform>%n rules</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n second</numerusform>
            <numerusform>%n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Fallback</source>
        <translation>Fallback</translation>
    </message>
</context>
<context>
    <name>AgentRow</name>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>%1/%2 chats</source>
        <translation>%1/%2 chats</translation>
    </message>
    <message>
        <source>%1 handled</source>
        <translation>%1 handled</translation>
    </message>
</context>
<context>
    <name>DashboardFormat</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Chats waiting</source>
        <translation>Chats waiting</translation>
    </message>
    <message>
        <source>Longest wait</source>
        <translation>Longest wait</translation>
    </message>
    <message>
        <source>Active chats</source>
        <translation>Active chats</translation>
    </message>
    <message>
        <source>Average wait today</source>
        <translation>Average wait today</translation>
    </message>
    <message>
        <source>Chats in bot</source>
        <translation>Chats in bot</translation>
    </message>
    <message>
        <source>Average first response today</source>
        <translation>Average first response today</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA at risk</translation>
    </message>
    <message>
        <source>SLA breached</source>
        <translation>SLA breached</translation>
    </message>
    <message>
        <source>Abandoned today</source>
        <translation>Abandoned today</translation>
    </message>
    <message>
        <source>First response SLA</source>
        <translation>First response SLA</translation>
    </message>
    <message>
        <source>Resolution SLA</source>
        <translation>Resolution SLA</translation>
    </message>
    <message>
        <source>Agents available</source>
        <translation>Agents available</translation>
    </message>
    <message>
        <source>Agents busy</source>
        <translation>Agents busy</translation>
    </message>
    <message>
        <source>Agents paused</source>
        <translation>Agents paused</translation>
    </message>
    <message>
        <source>Agents offline</source>
        <translation>Agents offline</translation>
    </message>
    <message>
        <source>Closed today</source>
        <translation>Closed today</translation>
    </message>
    <message>
        <source>Messages in, last hour</source>
        <translation>Messages in, last hour</translation>
    </message>
    <message>
        <source>Messages out, last hour</source>
        <translation>Messages out, last hour</translation>
    </message>
    <message>
        <source>Live dashboard</source>
        <translation>Live dashboard</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>Updated %1</translation>
    </message>
    <message>
        <source>Leave wallboard</source>
        <translation>Leave wallboard</translation>
    </message>
    <message>
        <source>Wallboard</source>
        <translation>Wallboard</translation>
    </message>
    <message>
        <source>Connection lost: these figures are not live. They will be brought up to date when the connection is back.</source>
        <translation>Connection lost: these figures are not live. They will be brought up to date when the connection is back.</translation>
    </message>
    <message>
        <source>Queue</source>
        <translation>Queue</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>Average wait</source>
        <translation>Average wait</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>Thresholds: %1</source>
        <translation>Thresholds: %1</translation>
    </message>
    <message>
        <source>Amber at</source>
        <translation>Amber at</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
    <message>
        <source>Red at</source>
        <translation>Red at</translation>
    </message>
    <message>
        <source>Chats per hour</source>
        <translation>Chats per hour</translation>
    </message>
    <message>
        <source>Same day last week</source>
        <translation>Same day last week</translation>
    </message>
    <message>
        <source>Average first response today (s)</source>
        <translation>Average first response today (s)</translation>
    </message>
    <message>
        <source>First response SLA today (%)</source>
        <translation>First response SLA today (%)</translation>
    </message>
</context>
<context>
    <name>DashboardTile</name>
    <message>
        <source>Thresholds</source>
        <translation>Thresholds</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>of %1</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
</context>
<context>
    <name>AdminSections</name>
    <message>
        <source>Users</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campaigns</translation>
    </message>
    <message>
        <source>WhatsApp numbers</source>
        <translation>WhatsApp numbers</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Clients</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
</context>
<context>
    <name>CampaignForm</name>
    <message>
        <source>Monday</source>
        <translation>Monday</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Tuesday</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Wednesday</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Thursday</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Friday</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Saturday</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Sunday</translation>
    </message>
    <message>
        <source>No flow</source>
        <translation>No flow</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Letters, digits, - and _</source>
        <translation>Letters, digits, - and _</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Time zone</source>
        <translation>Time zone</translation>
    </message>
    <message>
        <source>Business hours (outside them the offline message is sent)</source>
        <translation>Business hours (outside them the offline message is sent)</translation>
    </message>
    <message>
        <source>First response target (seconds)</source>
        <translation>First response target (seconds)</translation>
    </message>
    <message>
        <source>Resolution target (seconds)</source>
        <translation>Resolution target (seconds)</translation>
    </message>
    <message>
        <source>Requeue when the first response is late</source>
        <translation>Requeue when the first response is late</translation>
    </message>
    <message>
        <source>Routing</source>
        <translation>Routing</translation>
    </message>
    <message>
        <source>Round robin</source>
        <translation>Round robin</translation>
    </message>
    <message>
        <source>Least busy</source>
        <translation>Least busy</translation>
    </message>
    <message>
        <source>Agent priority</source>
        <translation>Agent priority</translation>
    </message>
    <message>
        <source>Skills</source>
        <translation>Skills</translation>
    </message>
    <message>
        <source>Welcome message</source>
        <translation>Welcome message</translation>
    </message>
    <message>
        <source>Offline message</source>
        <translation>Offline message</translation>
    </message>
    <message>
        <source>Bot</source>
        <translation>Bot</translation>
    </message>
    <message>
        <source>Answer first with the bot</source>
        <translation>Answer first with the bot</translation>
    </message>
    <message>
        <source>Bot flow</source>
        <translation>Bot flow</translation>
    </message>
    <message>
        <source>Satisfaction survey</source>
        <translation>Satisfaction survey</translation>
    </message>
    <message>
        <source>Ask after closing</source>
        <translation>Ask after closing</translation>
    </message>
    <message>
        <source>Survey question</source>
        <translation>Survey question</translation>
    </message>
    <message>
        <source>Default text in the customer&apos;s language</source>
        <translation>Default text in the customer&apos;s language</translation>
    </message>
    <message>
        <source>Answers count for (minutes)</source>
        <translation>Answers count for (minutes)</translation>
    </message>
    <message>
        <source>WhatsApp numbers</source>
        <translation>WhatsApp numbers</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>primary</translation>
    </message>
    <message>
        <source>Agents</source>
        <translation>Agents</translation>
    </message>
    <message>
        <source>%1 %2 · %3 chats · priority %4</source>
        <translation>%1 %2 · %3 chats · priority %4</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete campaign</source>
        <translation>Delete campaign</translation>
    </message>
    <message>
        <source>Delete %1? Its numbers and agents are unassigned; its chats and reports keep its name.</source>
        <translation>Delete %1? Its numbers and agents are unassigned; its chats and reports keep its name.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Choose a number</source>
        <translation>Choose a number</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Primary</translation>
    </message>
    <message>
        <source>Add number</source>
        <translation>Add number</translation>
    </message>
    <message>
        <source>Choose an agent</source>
        <translation>Choose an agent</translation>
    </message>
    <message>
        <source>Chats at once</source>
        <translation>Chats at once</translation>
    </message>
    <message>
        <source>Comma-separated, e.g. sales, english</source>
        <translation>Comma-separated, e.g. sales, english</translation>
    </message>
    <message>
        <source>Add agent</source>
        <translation>Add agent</translation>
    </message>
</context>
<context>
    <name>CampaignsController</name>
    <message>
        <source>Agents saved</source>
        <translation>Agents saved</translation>
    </message>
    <message>
        <source>Numbers saved</source>
        <translation>Numbers saved</translation>
    </message>
</context>
<context>
    <name>CampaignsPage</name>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Search by name or code</source>
        <translation>Search by name or code</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>New campaign</translation>
    </message>
    <message>
        <source>%1 · %2 agents · %3 open chats</source>
        <translation>%1 · %2 agents · %3 open chats</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>ResourceController</name>
    <message>
        <source>Nothing to save</source>
        <translation>Nothing to save</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Created</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Saved</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Deleted</translation>
    </message>
</context>
<context>
    <name>ResourceList</name>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Nothing here</source>
        <translation>Nothing here</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Page %1 of %2 · %3 in all</source>
        <translation>Page %1 of %2 · %3 in all</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
</context>
<context>
    <name>UserForm</name>
    <message>
        <source>New user</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>2FA on</source>
        <translation>2FA on</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>At least 8 characters</source>
        <translation>At least 8 characters</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Chats at once</source>
        <translation>Chats at once</translation>
    </message>
    <message>
        <source>Automatic assignment</source>
        <translation>Automatic assignment</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Suspend</source>
        <translation>Suspend</translation>
    </message>
    <message>
        <source>Reactivate</source>
        <translation>Reactivate</translation>
    </message>
    <message>
        <source>Unlock login</source>
        <translation>Unlock login</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete user</source>
        <translation>Delete user</translation>
    </message>
    <message>
        <source>Delete %1? They can no longer sign in; their chats and history stay.</source>
        <translation>Delete %1? They can no longer sign in; their chats and history stay.</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>Available</translation>
    </message>
    <message>
        <source>Busy</source>
        <translation>Busy</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Paused</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Status history</source>
        <translation>Status history</translation>
    </message>
</context>
<context>
    <name>UsersController</name>
    <message>
        <source>User reactivated</source>
        <translation>User reactivated</translation>
    </message>
    <message>
        <source>User suspended</source>
        <translation>User suspended</translation>
    </message>
    <message>
        <source>Login unlocked</source>
        <translation>Login unlocked</translation>
    </message>
    <message>
        <source>Two-factor authentication is now required for this role</source>
        <translation>Two-factor authentication is now required for this role</translation>
    </message>
    <message>
        <source>Two-factor authentication is no longer required for this role</source>
        <translation>Two-factor authentication is no longer required for this role</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Suspended</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Search by name or email</source>
        <translation>Search by name or email</translation>
    </message>
    <message>
        <source>All roles</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>New user</translation>
    </message>
    <message>
        <source>Two-factor by role</source>
        <translation>Two-factor by role</translation>
    </message>
    <message>
        <source>Require two-factor authentication</source>
        <translation>Require two-factor authentication</translation>
    </message>
</context>
<context>
    <name>NumberForm</name>
    <message>
        <source>Saved; leave empty to keep it</source>
        <translation>Saved; leave empty to keep it</translation>
    </message>
    <message>
        <source>New WhatsApp number</source>
        <translation>New WhatsApp number</translation>
    </message>
    <message>
        <source>Callback URL for Meta&apos;s console (WhatsApp › Configuration › Webhook), with the verify token below</source>
        <translation>Callback URL for Meta&apos;s console (WhatsApp › Configuration › Webhook), with the verify token below</translation>
    </message>
    <message>
        <source>Webhook URL for the WPPConnect server (already given when the session starts)</source>
        <translation>Webhook URL for the WPPConnect server (already given when the session starts)</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Provider</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>Messages per day</source>
        <translation>Messages per day</translation>
    </message>
    <message>
        <source>Messages per minute</source>
        <translation>Messages per minute</translation>
    </message>
    <message>
        <source>Phone number ID</source>
        <translation>Phone number ID</translation>
    </message>
    <message>
        <source>WhatsApp › API Setup › Phone number ID</source>
        <translation>WhatsApp › API Setup › Phone number ID</translation>
    </message>
    <message>
        <source>Business account ID</source>
        <translation>Business account ID</translation>
    </message>
    <message>
        <source>WhatsApp › API Setup › WhatsApp Business Account ID</source>
        <translation>WhatsApp › API Setup › WhatsApp Business Account ID</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Access token</translation>
    </message>
    <message>
        <source>A system user&apos;s permanent token</source>
        <translation>A system user&apos;s permanent token</translation>
    </message>
    <message>
        <source>App secret</source>
        <translation>App secret</translation>
    </message>
    <message>
        <source>App settings › Basic › App secret (signs the webhooks)</source>
        <translation>App settings › Basic › App secret (signs the webhooks)</translation>
    </message>
    <message>
        <source>Verify token</source>
        <translation>Verify token</translation>
    </message>
    <message>
        <source>Any text; the same in Meta&apos;s webhook settings</source>
        <translation>Any text; the same in Meta&apos;s webhook settings</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>Server URL</translation>
    </message>
    <message>
        <source>Session name</source>
        <translation>Session name</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API key</translation>
    </message>
    <message>
        <source>The server&apos;s SECRET_KEY</source>
        <translation>The server&apos;s SECRET_KEY</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connection</translation>
    </message>
    <message>
        <source>Healthy</source>
        <translation>Healthy</translation>
    </message>
    <message>
        <source>Unhealthy</source>
        <translation>Unhealthy</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>No health check yet</source>
        <translation>No health check yet</translation>
    </message>
    <message>
        <source>Sent %1 · received %2</source>
        <translation>Sent %1 · received %2</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Connect</translation>
    </message>
    <message>
        <source>Disconnect</source>
        <translation>Disconnect</translation>
    </message>
    <message>
        <source>Refresh status</source>
        <translation>Refresh status</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete number</source>
        <translation>Delete number</translation>
    </message>
    <message>
        <source>Delete %1? Its campaigns lose it and no more messages are sent or received on it.</source>
        <translation>Delete %1? Its campaigns lose it and no more messages are sent or received on it.</translation>
    </message>
    <message>
        <source>Scan it on the phone: WhatsApp › Settings › Linked devices › Link a device</source>
        <translation>Scan it on the phone: WhatsApp › Settings › Linked devices › Link a device</translation>
    </message>
    <message>
        <source>New QR code</source>
        <translation>New QR code</translation>
    </message>
    <message>
        <source>Show the QR code</source>
        <translation>Show the QR code</translation>
    </message>
</context>
<context>
    <name>NumbersController</name>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Connection changed</source>
        <translation>Connection changed</translation>
    </message>
    <message>
        <source>No QR code now: connect the number first, or it is already linked</source>
        <translation>No QR code now: connect the number first, or it is already linked</translation>
    </message>
</context>
<context>
    <name>NumbersPage</name>
    <message>
        <source>Connected</source>
        <translation>Connected</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <source>Waiting for the QR scan</source>
        <translation>Waiting for the QR scan</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Disconnected</source>
        <translation>Disconnected</translation>
    </message>
    <message>
        <source>Any provider</source>
        <translation>Any provider</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Inactive</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>New number</source>
        <translation>New number</translation>
    </message>
</context>
<context>
    <name>FlowQueries</name>
    <message>
        <source>The pattern is empty</source>
        <translation>The pattern is empty</translation>
    </message>
</context>
<context>
    <name>FlowSearchBar</name>
    <message>
        <source>Find a node by key or text</source>
        <translation>Find a node by key or text</translation>
    </message>
    <message>
        <source>No match</source>
        <translation>No match</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Previous (Shift+Enter)</source>
        <translation>Previous (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next (Enter)</source>
        <translation>Next (Enter)</translation>
    </message>
</context>
<context>
    <name>FlowShortcutsHelp</name>
    <message>
        <source>Find a node by key or text</source>
        <translation>Find a node by key or text</translation>
    </message>
    <message>
        <source>Fit the flow in the view</source>
        <translation>Fit the flow in the view</translation>
    </message>
    <message>
        <source>Arrows, drag, wheel</source>
        <translation>Arrows, drag, wheel</translation>
    </message>
    <message>
        <source>Pan</source>
        <translation>Pan</translation>
    </message>
    <message>
        <source>Ctrl+wheel</source>
        <translation>Ctrl+wheel</translation>
    </message>
    <message>
        <source>Zoom around the cursor</source>
        <translation>Zoom around the cursor</translation>
    </message>
    <message>
        <source>Shift+drag</source>
        <translation>Shift+drag</translation>
    </message>
    <message>
        <source>Select with a rubber band</source>
        <translation>Select with a rubber band</translation>
    </message>
    <message>
        <source>Shift+click</source>
        <translation>Shift+click</translation>
    </message>
    <message>
        <source>Add to the selection</source>
        <translation>Add to the selection</translation>
    </message>
    <message>
        <source>Select every node</source>
        <translation>Select every node</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete the selected nodes</source>
        <translation>Delete the selected nodes</translation>
    </message>
    <message>
        <source>Copy and paste nodes (between flows too)</source>
        <translation>Copy and paste nodes (between flows too)</translation>
    </message>
    <message>
        <source>Duplicate the selected nodes</source>
        <translation>Duplicate the selected nodes</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>Save the draft</source>
        <translation>Save the draft</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Publish</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>This list</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>FlowSimulator</name>
    <message>
        <source>Waiting for the customer at %1</source>
        <translation>Waiting for the customer at %1</translation>
    </message>
    <message>
        <source>Completed at %1</source>
        <translation>Completed at %1</translation>
    </message>
    <message>
        <source>Transferred at %1</source>
        <translation>Transferred at %1</translation>
    </message>
    <message>
        <source>The customer did not answer in time</source>
        <translation>The customer did not answer in time</translation>
    </message>
    <message>
        <source>Too many invalid answers at %1</source>
        <translation>Too many invalid answers at %1</translation>
    </message>
    <message>
        <source>Stopped: too many steps without waiting for the customer</source>
        <translation>Stopped: too many steps without waiting for the customer</translation>
    </message>
    <message>
        <source>Failed at %1</source>
        <translation>Failed at %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Failed: %1</translation>
    </message>
    <message>
        <source>The mocked answers must be a JSON object by node key</source>
        <translation>The mocked answers must be a JSON object by node key</translation>
    </message>
</context>
<context>
    <name>FlowSimulatorPanel</name>
    <message numerus="yes">
        <source>(no answer for %n second(s))</source>
        <translation>
            <numerusform>(no answer for %n second)</numerusform>
            <numerusform>(no answer for %n seconds)</numerusform>
        </translation>
    </message>
    <message>
        <source>Tags added: %1</source>
        <translation>Tags added: %1</translation>
    </message>
    <message>
        <source>Client updated: %1</source>
        <translation>Client updated: %1</translation>
    </message>
    <message>
        <source>Transferred to %1</source>
        <translation>Transferred to %1</translation>
    </message>
    <message>
        <source>Chat closed: %1</source>
        <translation>Chat closed: %1</translation>
    </message>
    <message>
        <source>mocked answer %1</source>
        <translation>mocked answer %1</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>skipped (no mocked answer)</source>
        <translation>skipped (no mocked answer)</translation>
    </message>
    <message numerus="yes">
        <source>Waits %n second(s) (not here)</source>
        <translation>
            <numerusform>Waits %n second (not here)</numerusform>
            <numerusform>Waits %n seconds (not here)</numerusform>
        </translation>
    </message>
    <message>
        <source>The session ends: %1</source>
        <translation>The session ends: %1</translation>
    </message>
    <message>
        <source>From the start</source>
        <translation>From the start</translation>
    </message>
    <message>
        <source>From %1</source>
        <translation>From %1</translation>
    </message>
    <message>
        <source>the selected node</source>
        <translation>the selected node</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Variables, client fields and mocked answers</source>
        <translation>Variables, client fields and mocked answers</translation>
    </message>
    <message>
        <source>Variables (one “name = value” a line)</source>
        <translation>Variables (one “name = value” a line)</translation>
    </message>
    <message>
        <source>Client fields (first_name = Ana…)</source>
        <translation>Client fields (first_name = Ana…)</translation>
    </message>
    <message>
        <source>HTTP answers by node key (JSON; {&quot;error&quot;: true} fails)</source>
        <translation>HTTP answers by node key (JSON; {&quot;error&quot;: true} fails)</translation>
    </message>
    <message>
        <source>Start a session to talk to the flow as a customer</source>
        <translation>Start a session to talk to the flow as a customer</translation>
    </message>
    <message>
        <source>Answer as the customer</source>
        <translation>Answer as the customer</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <source>No reply</source>
        <translation>No reply</translation>
    </message>
    <message>
        <source>Stay silent past the flow&apos;s timeout</source>
        <translation>Stay silent past the flow&apos;s timeout</translation>
    </message>
    <message>
        <source>Variables: %1</source>
        <translation>Variables: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>none</translation>
    </message>
</context>
<context>
    <name>TwoFactorSetupPage</name>
    <message>
        <source>Turn on two-factor authentication</source>
        <translation>Turn on two-factor authentication</translation>
    </message>
    <message>
        <source>Your role requires two-factor authentication. Turn it on to continue.</source>
        <translation>Your role requires two-factor authentication. Turn it on to continue.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Continue</translation>
    </message>
    <message>
        <source>Scan it with your authenticator app, or enter the key %1</source>
        <translation>Scan it with your authenticator app, or enter the key %1</translation>
    </message>
    <message>
        <source>Backup codes (each works once): %1</source>
        <translation>Backup codes (each works once): %1</translation>
    </message>
    <message>
        <source>Code from the app</source>
        <translation>Code from the app</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
</context>
<context>
    <name>ClientForm</name>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>With the bot</source>
        <translation>With the bot</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Queued</translation>
    </message>
    <message>
        <source>Assigned</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>vip, wholesale</source>
        <translation>vip, wholesale</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Accepts messages</source>
        <translation>Accepts messages</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Add field</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Remove field</translation>
    </message>
    <message>
        <source>Chats (%1 in all)</source>
        <translation>Chats (%1 in all)</translation>
    </message>
    <message>
        <source>No chats</source>
        <translation>No chats</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>Tasks</translation>
    </message>
    <message>
        <source>No tasks</source>
        <translation>No tasks</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>Delete client</translation>
    </message>
    <message>
        <source>Delete %1? They leave the lists and exports; their chats and history stay.</source>
        <translation>Delete %1? They leave the lists and exports; their chats and history stay.</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>New task</translation>
    </message>
</context>
<context>
    <name>ClientImport</name>
    <message>
        <source>Could not read %1</source>
        <translation>Could not read %1</translation>
    </message>
    <message>
        <source>The file is larger than 16 MB</source>
        <translation>The file is larger than 16 MB</translation>
    </message>
    <message>
        <source>The file is empty</source>
        <translation>The file is empty</translation>
    </message>
    <message>
        <source>Choose the column that holds the phone number</source>
        <translation>Choose the column that holds the phone number</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
</context>
<context>
    <name>ClientImportDialog</name>
    <message>
        <source>Import clients</source>
        <translation>Import clients</translation>
    </message>
    <message>
        <source>(leave out)</source>
        <translation>(leave out)</translation>
    </message>
    <message>
        <source>Custom field</source>
        <translation>Custom field</translation>
    </message>
    <message>
        <source>Phone number</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Custom fields (JSON)</source>
        <translation>Custom fields (JSON)</translation>
    </message>
    <message>
        <source>Choose a CSV file…</source>
        <translation>Choose a CSV file…</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>%1 · %2 rows</source>
        <translation>%1 · %2 rows</translation>
    </message>
    <message>
        <source>Check: %1 new, %2 updated, %3 unchanged, %4 with errors</source>
        <translation>Check: %1 new, %2 updated, %3 unchanged, %4 with errors</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged, %4 with errors</source>
        <translation>Imported: %1 new, %2 updated, %3 unchanged, %4 with errors</translation>
    </message>
    <message>
        <source>Row %1 · %2: %3</source>
        <translation>Row %1 · %2: %3</translation>
    </message>
    <message>
        <source>Save errors…</source>
        <translation>Save errors…</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>Save the refused rows</source>
        <translation>Save the refused rows</translation>
    </message>
</context>
<context>
    <name>ClientsController</name>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
    <message>
        <source>Exported to %1 (clients: %2)</source>
        <translation>Exported to %1 (clients: %2)</translation>
    </message>
    <message>
        <source>Exported to %1 (clients: %2, the server&apos;s limit: narrow the filters for the rest)</source>
        <translation>Exported to %1 (clients: %2, the server&apos;s limit: narrow the filters for the rest)</translation>
    </message>
</context>
<context>
    <name>ClientsPage</name>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contacted</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualified</translation>
    </message>
    <message>
        <source>Proposal</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Negotiation</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Won</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Search by name, phone, email or company</source>
        <translation>Search by name, phone, email or company</translation>
    </message>
    <message>
        <source>Any lead status</source>
        <translation>Any lead status</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Tag</translation>
    </message>
    <message>
        <source>New client</source>
        <translation>New client</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <source>Export clients</source>
        <translation>Export clients</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>New task</source>
        <translation>New task</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>yyyy-mm-dd hh:mm</source>
        <translation>yyyy-mm-dd hh:mm</translation>
    </message>
    <message>
        <source>Reminder</source>
        <translation>Reminder</translation>
    </message>
    <message>
        <source>Assigned to</source>
        <translation>Assigned to</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Search a client</source>
        <translation>Search a client</translation>
    </message>
    <message>
        <source>No client</source>
        <translation>No client</translation>
    </message>
    <message>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <source>Chat number, optional</source>
        <translation>Chat number, optional</translation>
    </message>
    <message>
        <source>Completion notes (optional)</source>
        <translation>Completion notes (optional)</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Completion notes: %1</source>
        <translation>Completion notes: %1</translation>
    </message>
    <message>
        <source>Comments</source>
        <translation>Comments</translation>
    </message>
    <message>
        <source>Write a comment</source>
        <translation>Write a comment</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Delete task</source>
        <translation>Delete task</translation>
    </message>
    <message>
        <source>Delete the task &quot;%1&quot;?</source>
        <translation>Delete the task &quot;%1&quot;?</translation>
    </message>
</context>
<context>
    <name>TaskReminderToast</name>
    <message>
        <source>Task reminder</source>
        <translation>Task reminder</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Due %1</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>TasksController</name>
    <message>
        <source>Task completed</source>
        <translation>Task completed</translation>
    </message>
    <message>
        <source>Comment added</source>
        <translation>Comment added</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgent</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>My tasks</source>
        <translation>My tasks</translation>
    </message>
    <message>
        <source>Everyone&apos;s</source>
        <translation>Everyone&apos;s</translation>
    </message>
    <message>
        <source>New task</source>
        <translation>New task</translation>
    </message>
    <message>
        <source>No due date</source>
        <translation>No due date</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
</context>
<context>
    <name>AuditLogController</name>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2, the server&apos;s limit: narrow the dates for the rest)</source>
        <translation>Exported to %1 (rows: %2, the server&apos;s limit: narrow the dates for the rest)</translation>
    </message>
    <message>
        <source>Exported to %1 (rows: %2)</source>
        <translation>Exported to %1 (rows: %2)</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>(no user)</source>
        <translation>(no user)</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Any user</source>
        <translation>Any user</translation>
    </message>
    <message>
        <source>Action, e.g. chat.transfer</source>
        <translation>Action, e.g. chat.transfer</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Any outcome</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Succeeded</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Entity type, e.g. Chat</source>
        <translation>Entity type, e.g. Chat</translation>
    </message>
    <message>
        <source>Entity id</source>
        <translation>Entity id</translation>
    </message>
    <message>
        <source>From (YYYY-MM-DD)</source>
        <translation>From (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>To (YYYY-MM-DD)</source>
        <translation>To (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Export CSV…</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 received</translation>
    </message>
    <message>
        <source>Choose a row to see what it changed</source>
        <translation>Choose a row to see what it changed</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refused</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Entity</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Changes</translation>
    </message>
    <message>
        <source>Nothing was recorded</source>
        <translation>Nothing was recorded</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>Export the audit log</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV files (*.csv)</translation>
    </message>
</context>
<context>
    <name>FileDownload</name>
    <message>
        <source>Could not write %1</source>
        <translation>Could not write %1</translation>
    </message>
</context>
<context>
    <name>BackupsController</name>
    <message>
        <source>The backup has been completed</source>
        <translation>The backup has been completed</translation>
    </message>
    <message>
        <source>The backup failed</source>
        <translation>The backup failed</translation>
    </message>
    <message>
        <source>The download was damaged on the way; try again</source>
        <translation>The download was damaged on the way; try again</translation>
    </message>
    <message>
        <source>Saved to %1</source>
        <translation>Saved to %1</translation>
    </message>
    <message>
        <source>Could not read %1</source>
        <translation>Could not read %1</translation>
    </message>
    <message>
        <source>The archive is larger than 512 MB: restore it on the server with &quot;conversa-server backup restore FILE&quot;</source>
        <translation>The archive is larger than 512 MB: restore it on the server with &quot;conversa-server backup restore FILE&quot;</translation>
    </message>
    <message>
        <source>The archive has been checked and kept: it can be restored now</source>
        <translation>The archive has been checked and kept: it can be restored now</translation>
    </message>
    <message>
        <source>The backup of %1 has been restored</source>
        <translation>The backup of %1 has been restored</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manual</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Scheduled</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Uploaded</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Command line</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 bytes</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Any status</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <source>Upload an archive…</source>
        <translation>Upload an archive…</translation>
    </message>
    <message>
        <source>Writing and checking the backup…</source>
        <translation>Writing and checking the backup…</translation>
    </message>
    <message>
        <source>%1 received</source>
        <translation>%1 received</translation>
    </message>
    <message>
        <source>Restoring: checking the archive, then replacing the data…</source>
        <translation>Restoring: checking the archive, then replacing the data…</translation>
    </message>
    <message>
        <source>Choose a backup</source>
        <translation>Choose a backup</translation>
    </message>
    <message>
        <source>Backup of %1</source>
        <translation>Backup of %1</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origin</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Finished</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>schema %1</source>
        <translation>schema %1</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>Download…</source>
        <translation>Download…</translation>
    </message>
    <message>
        <source>Restore…</source>
        <translation>Restore…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Restore this backup?</source>
        <translation>Restore this backup?</translation>
    </message>
    <message>
        <source>Everything since %1 will be lost: the chats, messages, clients, tasks and users&apos; changes made after that moment are replaced by the backup&apos;s data, and so are the uploaded files. Every user is signed out, on every device; you carry on if your account exists in the backup.</source>
        <translation>Everything since %1 will be lost: the chats, messages, clients, tasks and users&apos; changes made after that moment are replaced by the backup&apos;s data, and so are the uploaded files. Every user is signed out, on every device; you carry on if your account exists in the backup.</translation>
    </message>
    <message>
        <source>Delete this backup?</source>
        <translation>Delete this backup?</translation>
    </message>
    <message>
        <source>The backup of %1 and its archive will be deleted; it cannot be restored afterwards.</source>
        <translation>The backup of %1 and its archive will be deleted; it cannot be restored afterwards.</translation>
    </message>
    <message>
        <source>Save the backup</source>
        <translation>Save the backup</translation>
    </message>
    <message>
        <source>Backup archives (*.zip)</source>
        <translation>Backup archives (*.zip)</translation>
    </message>
    <message>
        <source>Upload a backup archive</source>
        <translation>Upload a backup archive</translation>
    </message>
</context>
</TS>

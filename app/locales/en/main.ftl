# Campus IA interface — English catalogue.

site-name = Campus IA
site-tagline = Learning to use AI in public service
skip-to-content = Skip to content
nav-label = Main navigation
nav-home = Home

footer-about = Campus IA is free training software. Everything runs on this server: nothing you type is sent to an outside service.
footer-language = Language
footer-language-apply = Change

home-meta-description = Campus IA trains public servants to use artificial intelligence wisely: short courses, quizzes and exercises on a simulated assistant.
home-title = Learning to use AI, in the service of the public
home-lead = Short courses, quizzes and a simulated assistant to practise safely: Campus IA helps public servants use artificial intelligence in a useful, safe and responsible way.
home-features-title = What you will find on Campus IA
home-learn-title = Learn
home-learn-text = Modules of 10 to 20 minutes, readable on any screen, on generative AI, writing requests, personal data and the legal framework.
home-practise-title = Practise
home-practise-text = A simulated AI assistant that runs entirely on this server: write requests, anonymise documents, spot the errors in an answer, and get precise feedback.
home-follow-title = Track your progress
home-follow-text = Resume where you stopped, get a certificate when you finish a course; HR departments follow the training of their teams.
home-sovereignty-title = Sovereign and accessible
home-sovereignty-text = Campus IA is free software hosted by your administration. It works without JavaScript and aims at RGAA conformance.

quick-check-title = Test yourself in 10 seconds
quick-check-question = Can a chat assistant cite a law article that does not exist?
quick-check-choices = Your answer
quick-check-yes = Yes
quick-check-no = No
quick-check-right = Right: a language model produces plausible text, not a checked fact.
quick-check-wrong = Not so: it can invent a reference that looks genuine. Always check it on Légifrance.
quick-check-reveal = Show the answer
quick-check-explanation = Yes. A language model predicts plausible words; it can produce an invented yet credible legal reference. Check every reference at its source, for example on Légifrance.

not-found-title = Page not found
not-found-text = The address you asked for does not exist or no longer exists. It may have been mistyped, or the content has moved.
not-found-back = Back to the home page

nav-courses = Courses
breadcrumb-label = Breadcrumb
error-title = This page cannot be shown
error-generic = An unexpected error occurred. Please try again in a moment.
error-not-signed-in = Please sign in to continue.
error-forbidden = You do not have the rights required for this action.
error-unavailable = The service is temporarily unavailable. Please try again in a moment.
error-request-unreadable = The request could not be read

level-debutant = Beginner
level-intermediaire = Intermediate
level-avance = Advanced
duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min
duration-band-court = Under an hour
duration-band-moyen = One to two hours
duration-band-long = More than two hours

catalogue-title = Course catalogue
catalogue-meta-description = All Campus IA courses: generative AI, writing requests, personal data, fact-checking, legal framework, deployment.
catalogue-filters-label = Search and filter courses
catalogue-search = Search for a course
catalogue-theme = Theme
catalogue-level = Level
catalogue-duration = Duration
catalogue-any = All
catalogue-apply = Filter
catalogue-reset = Clear filters
catalogue-count = { $count ->
    [0] No published course
    [one] 1 course
   *[other] { $count } courses
}
catalogue-count-filtered = { $count ->
    [0] No course matches your search
    [one] 1 course matches your search (out of { $total })
   *[other] { $count } courses match your search (out of { $total })
}
catalogue-empty = Try other words or remove a filter.

course-level = Level
course-duration = Duration
course-themes = Themes
course-audience = Audience
course-modules = Modules
course-start = Start the course
course-objectives = Course objectives
course-outline = Outline
outline-quizzes = { $count ->
    [one] 1 quiz
   *[other] { $count } quizzes
}
outline-exercises = { $count ->
    [one] 1 practical exercise
   *[other] { $count } practical exercises
}

module-position = Module { $position } of { $total }
module-reading-time = Duration:
module-objectives = Module objectives
module-toc = Contents
module-nav-label = Previous and next modules
module-previous = Previous module
module-next = Next module
module-last = Last module
module-back-to-course = Back to the course

quiz-heading = Quiz
quiz-question-count = { $count ->
    [one] 1 question to check your understanding.
   *[other] { $count } questions to check your understanding.
}
exercise-kind-prompt = Practical exercise · write a request
exercise-kind-anonymize = Practical exercise · anonymise a document
exercise-kind-hallucination = Practical exercise · spot the errors

nav-admin = Administration
nav-account = My account
nav-sign-in = Sign in
nav-sign-up = Create an account
nav-sign-out = Sign out
nav-my-learning = My learning

field-name = Full name
field-email = Work e-mail address
field-email-hint = For example firstname.lastname@town-example.fr
field-password = Password
field-password-hint = At least 8 characters. A phrase of several words is easy to remember and hard to guess.
field-current-password = Current password
field-new-password = New password
field-unit = Your department
field-unit-choose = Choose your department
field-unit-name = Unit name
field-unit-parent = Parent unit
field-unit-root = (none: top-level unit)

sign-in-title = Sign in
sign-in-submit = Sign in
sign-in-already = You are signed in as
sign-in-no-account = No account yet?
sign-in-create = Create an account
sign-in-required-title = Sign-in required
sign-in-required-text = This page is for signed-in users.
forbidden-title = Access denied
forbidden-text = Your account does not have the rights needed to see this page.

sign-up-title = Create an account
sign-up-intro = Your account keeps your progress and certificates. Every field is required.
sign-up-submit = Create my account
sign-up-have-account = Already have an account?
sign-up-sign-in = Sign in

account-title = My account
account-signed-in-as = Signed in with the address
account-profile = My profile
account-save = Save
account-password = Password
account-change-password = Change password
account-sessions = Sessions
account-sessions-text = Forgot to sign out on another computer? Close all your sessions, this one included.
account-sign-out-everywhere = Sign me out everywhere
account-data = My data
account-data-text = Download everything Campus IA keeps about you, as a JSON file.
account-data-download = Download my data
account-delete = Delete my account
account-delete-text = Deleting erases your account, your progress and your answers. It cannot be undone.
account-delete-confirm = Confirm with your password
account-delete-submit = Delete my account for good

role-agent = Agent
role-trainer = Trainer
role-hr = HR
role-admin = Administrator

admin-units = Organisation units
admin-units-new = Add a unit
admin-units-create = Add the unit
admin-units-tree = Tree
admin-save = Save
admin-users = Accounts and roles
admin-users-caption = Accounts, with their roles
admin-roles = Roles
admin-role = Role
admin-scope = Unit concerned
admin-no-scope = (no unit)
admin-grant = Grant
admin-revoke = Revoke
admin-audit = Audit log
admin-audit-caption = Privileged actions, most recent first
admin-audit-empty = No action recorded yet.
admin-audit-when = Date
admin-audit-who = By
admin-audit-action = Action
admin-audit-target = Object
admin-audit-details = Details

quiz-pass-mark = pass mark { $percent } %
quiz-max-attempts = { $count ->
    [one] 1 attempt
   *[other] { $count } attempts
}
quiz-sign-in = Sign in to answer and keep your result.
quiz-no-attempt-left = You have used all your attempts: your best result is kept.
quiz-several-answers = Several answers possible.
quiz-your-answer = Your answer
quiz-submit = Check my answers
quiz-retry = Try again
quiz-passed = passed
quiz-failed = not passed yet
quiz-score = Score: { $score } %
quiz-best-score = best score: { $score } %
quiz-attempts-left = { $count ->
    [0] no attempt left
    [one] 1 attempt left
   *[other] { $count } attempts left
}
quiz-correct = Right
quiz-incorrect = To review
quiz-no-answer = (no answer)
quiz-you-answered = Your answer:

module-changed-since-completion = This course was updated since you completed this module: read it again if needed, your result is kept.
module-completed = Module completed.
module-read-done = You have read this module in full.
module-mark-read = I have read this module in full
module-sign-in-to-track = Sign in to keep your progress and get a certificate.

dashboard-title = My learning
dashboard-empty = You have not started any course yet.
dashboard-browse = Browse the catalogue
dashboard-in-progress = In progress
dashboard-completed = Completed
dashboard-progress = { $done } of { $total } module(s) completed
dashboard-progress-label = Progress in { $course }
dashboard-resume = Resume:
dashboard-completed-on = Completed on { $date }
dashboard-average = average quiz score: { $score } %
dashboard-attestation = Certificate of completion

attestation-title = Certificate of completion
attestation-verify-title = Certificate check
attestation-valid = This certificate is genuine.
attestation-unknown = No certificate matches this code.
attestation-certifies = Campus IA certifies that
attestation-completed = has completed the course
attestation-on = on
attestation-duration = Course duration:
attestation-version = Course version:
attestation-code = Verification code:
attestation-verify-at = Can be checked at
attestation-print = Print or save as PDF
attestation-revoked = This certificate was revoked on { $date }: { $reason }
attestation-revoke-title = Revoke this certificate
attestation-revoke-reason = Reason (shown when it is checked)
attestation-revoke-submit = Revoke the certificate

nav-practice = Practice
practice-title = Practice: working with an AI assistant
practice-simulated = Simulated assistant: it runs entirely on this server, nothing you write goes to an outside service. Its answers are for practice, not for work.
practice-conversation = Conversation
practice-empty = Write your first request below.
practice-you = You
practice-assistant = Simulated assistant
practice-personal-data = Your last request contains personal data
practice-feedback = Your last request, criterion by criterion
practice-write = Your request
practice-message = Request to the assistant
practice-message-hint = Give a role, the context, the task, the expected format, the audience, the constraints and the source to use. 4,000 characters at most.
practice-send = Send
practice-clear = Clear the conversation
practice-assistant-external = Assistant ({ $model })
practice-external = External assistant: the model “{ $model }” answers your messages, outside this server. Messages containing personal data are blocked before sending; write nothing confidential.
practice-sending = The assistant is writing its reply…
practice-replied = Reply received: it is at the end of the conversation.
practice-not-sent = Message not sent.
practice-none = No scenario is published yet.
practice-module = This scenario practises the module:
practice-document = The (fictitious) document to use
practice-document-hint = Copy it into your request if the assistant should work from it. Read it first: a document from outside may hide traps.
practice-debrief = Debrief: what the assistant did on purpose, and how to catch it
practice-debrief-catch = How to catch it:
rubric-met = Done
rubric-missing = To improve
privacy-email = e-mail address
privacy-phone = phone number
privacy-nir = social security number
privacy-iban = IBAN
privacy-card = bank card number
privacy-birth_date = date of birth
privacy-address = postal address
privacy-name = person's name

exercise-document = The exercise's document
exercise-your-request = Your request to the simulated assistant
exercise-send-prompt = Send to the simulated assistant
exercise-document-to-edit = The document, to anonymise right here
exercise-check = Check
exercise-question = Question asked to the assistant:
exercise-mark-wrong = Tick the statements that are wrong or unverifiable
exercise-passed = Exercise passed.
exercise-not-passed = Not passed yet: read the feedback and try again.
exercise-sign-in = Sign in to do the exercise and keep your result.

quiz-history = Your attempts, most recent first
quiz-history-recent = Your last { $shown } attempts (out of { $count }), most recent first

## HR
nav-hr = HR tracking
hr-title = Training tracking
hr-heading = Training tracking: { $unit }
hr-units-trail = Units, from the widest to the one shown
hr-assignments-link = Manage course assignments
hr-filters = Filter the tracking
hr-filter-course = Course
hr-filter-status = Status
hr-filter-due = Due on or before
hr-filter-sort = Sort agents by
hr-filter-all = All
hr-filter-apply = Filter
hr-sort-nom = name
hr-sort-unite = unit
hr-sort-statut = status
hr-sort-echeance = due date
status-non-commence = Not started
status-en-cours = In progress
status-termine = Completed
status-en-retard = Overdue
hr-by-unit = By unit
hr-by-unit-caption = Agents per unit and assigned course: completed out of total, then overdue, in progress and not started
hr-nothing-assigned = No course is assigned in this scope for these filters.
hr-col-unit = Unit
hr-col-agent = Agent
hr-col-course = Course
hr-col-status = Status
hr-col-due = Due date
hr-col-started = Started on
hr-col-completed = Completed on
hr-col-score = Average best quiz score
hr-col-month = Month
hr-col-completions = Courses completed
hr-cell-completed = { $done } / { $total } completed ({ $percent } %)
hr-cell-detail = { $overdue } overdue · { $progress } in progress · { $waiting } not started
hr-direct-agents = Agents attached directly to { $unit }
hr-total = All
hr-agents = Agents ({ $count } lines)
hr-agents-caption = Agents of the scope and their status for each assigned course
hr-no-agent = No agent matches these filters.
hr-export = Download as CSV
hr-export-separator = Column separator
hr-export-semicolon = semicolon (French spreadsheets)
hr-export-comma = comma
hr-pagination = Pages of the agent list
hr-previous = Previous page
hr-next = Next page
hr-page = Page { $page } of { $pages }
hr-chart = Courses completed per month
hr-chart-caption = Assigned courses completed, per month, over the last twelve months
month-short-1 = Jan
month-short-2 = Feb
month-short-3 = Mar
month-short-4 = Apr
month-short-5 = May
month-short-6 = Jun
month-short-7 = Jul
month-short-8 = Aug
month-short-9 = Sep
month-short-10 = Oct
month-short-11 = Nov
month-short-12 = Dec
hr-chart-title = Courses completed per month — { $unit }
hr-chart-summary = { $total } assigned courses completed over the last twelve months; the table below gives each month.
hr-agent = Agent
hr-agent-privacy = You see statuses, dates and scores; never answers or exchanges with the assistant.
hr-agent-nothing = No course is assigned to this agent.
hr-agent-courses = Assigned courses
hr-assignments = Course assignments
hr-assignments-new = New assignment
hr-assignments-list = Current assignments
hr-assignments-none = No assignment yet.
hr-field-course = Course to follow
hr-field-target = For whom?
hr-target-unit = A unit
hr-field-unit = Unit
hr-field-subunits = Include sub-units
hr-target-agents = Chosen agents
hr-field-agents = Agents' e-mail addresses
hr-field-agents-hint = One address per line.
hr-field-due = Due date
hr-field-due-hint = Optional. The course is due by midnight, Paris time, that day.
hr-field-note = Note for agents
hr-assign = Assign the course
hr-update = Change
hr-withdraw = Withdraw the assignment
hr-scope-subunits = Unit and sub-units
hr-scope-unit-only = Unit only
hr-scope-agent = Agent
hr-assigned-by = Assigned by { $who }, on { $when }
dashboard-assigned = Assigned courses
dashboard-due = To complete by { $date }
dashboard-overdue = Overdue: it was due on { $date }

admin-xapi = xAPI access
admin-xapi-intro = An access lets an external system (learning record store, HR tool) read the xAPI statements of the agents of a unit and its sub-units through GET /xapi/statements, with HTTP Basic authentication (key and secret).
admin-xapi-secret-once = This access's secret — copy it now: it will never be shown again (only its hash is kept):
admin-xapi-new = New access
admin-xapi-label = System name
admin-xapi-unit = Readable unit
admin-xapi-create = Create the access
admin-xapi-list = Existing accesses
admin-xapi-none = No access yet.
admin-xapi-key = Key
admin-xapi-created = Created on
admin-xapi-state = State
admin-xapi-revoked = Revoked on
admin-xapi-revoke = Revoke
footer-accessibility = Accessibility: not compliant

## Authoring (/formation)
nav-authoring = Trainer workspace
authoring-none = You have no course yet: create one or import an archive.
authoring-my-courses = My courses
authoring-title = Title
authoring-state = State
authoring-reports = Reports
authoring-state-online = Online
authoring-state-online-draft = Online, draft in progress
authoring-state-draft-only = Draft, never published
authoring-new = New course
authoring-slug = Course address
authoring-slug-hint = Lowercase letters without accents, digits and hyphens: it appears in the address /cours/…
authoring-create = Create the course
authoring-import = Import an archive
authoring-import-hint = A .zip archive of a course folder (the format of the courses/ folder). It becomes the course's draft: nothing is published until you decide.
authoring-archive = .zip archive
authoring-import-submit = Import
authoring-draft-stamp = Draft saved on { $when } by { $who }.
authoring-no-draft = No draft: you see the online version. Any change creates a draft.
authoring-see-online = See the course online
authoring-versions = Version history
authoring-stats = Question and exercise statistics
authoring-export = Download the online version (.zip)
authoring-export-draft = Download the draft (.zip)
authoring-problems = Check
authoring-no-problem = No problem: the course can be published.
authoring-publish = Publish
authoring-discard = Discard the draft
authoring-details = Course description
authoring-summary = Summary
authoring-audience = Audience
authoring-level = Level
authoring-themes = Themes
authoring-objectives = Objectives
authoring-one-per-line = One per line.
authoring-save-details = Save the description
authoring-modules = Modules
authoring-up = Move up
authoring-down = Move down
authoring-remove = Remove
authoring-module-title = Title of the new module
authoring-add-module = Add the module
authoring-files = Images and documents
authoring-file = File
authoring-file-hint = PNG, JPEG, GIF, WebP, SVG, PDF, Markdown or text; 5 MB at most.
authoring-upload = Add to the draft
authoring-editors = Course trainers
authoring-editor-email = E-mail of the trainer to add
authoring-add-editor = Add
editor-title = Module editor
editor-heading = Module { $file }
editor-text = Module text (Markdown)
editor-text-hint = The preview and the check update as you type; without JavaScript, save to see them.
editor-save = Save the draft
editor-preview = Preview
editor-no-problem = No problem in this module.
editor-preview-quiz = Quiz no. { $number }: { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
editor-preview-exercise = Exercise no. { $number }
editor-problems = { $count } problem(s) in this module
editor-line = Line { $line }, column { $column }
editor-error = error
editor-warning = warning
editor-cheat-sheet = Cheat sheet: quizzes, exercises, images
editor-back = Back to the course
versions-none = No published version yet.
versions-version = Version
versions-when = Published on
versions-who = By
versions-state = State
versions-import = import (command line)
versions-current = Online
versions-roll-back = Put version { $version } back online
versions-compare = Compare
versions-from = From version
versions-to = To
versions-draft = the draft
versions-compare-submit = Compare
versions-identical = No difference.
versions-lines = Lines { $old } (before) and { $new } (after)
stats-privacy = Only totals are shown, never a person's answers; an activity done by fewer than { $count } people has no detail.
stats-quizzes = Quizzes
stats-exercises = Exercises
stats-none = No attempt yet.
stats-quiz = { $module } — quiz { $number }
stats-quiz-summary = { $attempts } attempt(s) by { $learners } person(s); median time: { $median }
stats-withheld = Too few people to show the detail.
stats-questions = Questions
stats-question = Question
stats-first-time = Right the first time
stats-options = Choices (times chosen)
stats-right-answer = right answer
stats-exercise-summary = { $attempts } attempt(s) by { $learners } person(s), { $passed } passed
stats-criteria = Criteria
stats-criterion = Criterion
stats-failures = Failures / attempts
reports-none = No report.
reports-resolved = Resolved on { $when }
reports-resolve = Mark as resolved
report-title = Report a problem in this module
report-kind = Kind of problem
report-message = Description
report-send = Send the report
reset-title = Forgotten password
reset-intro = Enter your account's address: you will receive a link to choose a new password, valid for 30 minutes. If you sign in with your employer's button (ProConnect…), your password is managed there.
reset-send = Send me the link
reset-back = Back to sign-in
reset-new-title = Choose a new password
reset-save = Save the password
reset-link-dead = This link no longer works: it was already used or it expired (30 minutes).
reset-ask-again = Ask for a new link
sign-in-forgot = Forgotten password?
admin-mail = E-mail
admin-mail-disabled = No e-mail is sent: the SMTP relay is not configured (CAMPUS_SMTP_URL and CAMPUS_MAIL_FROM). Agents cannot reset their password by themselves.
admin-mail-counts = { $pending } pending, { $sent } sent, { $failed } failed.
admin-mail-when = Created
admin-mail-to = Recipient
admin-mail-subject = Subject
admin-mail-state = State (tries)
admin-mail-pending = pending
admin-mail-sent = sent
admin-mail-failed = failed
link-title = Link your account
link-explain = { $provider } identified you with the address { $email }, which already has a Campus IA account with a password. To link both (and keep your results), confirm with that account's password.
link-confirm = Link my accounts
link-cancel = Cancel
link-expired = This link request expired (15 minutes): sign in again with your identity provider.
sign-in-with = Sign in with { $provider }
sign-in-or = or with your address and password:
sign-up-closed = Creating an account is closed on this site: sign in with the account your employer gave you.
field-unit-siret = SIRET (ProConnect sign-in)
field-unit-time-zone = Time zone
field-unit-time-zone-inherited = The parent unit's ({ $zone })
datetime-in-zone = { $datetime } ({ $zone })
chart-empty = No data
zone-paris = Metropolitan France (Paris)
zone-paris-short = Paris
zone-guadeloupe = Guadeloupe
zone-guadeloupe-short = Guadeloupe
zone-martinique = Martinique
zone-martinique-short = Martinique
zone-guyane = French Guiana
zone-guyane-short = French Guiana
zone-reunion = Réunion
zone-reunion-short = Réunion
zone-mayotte = Mayotte
zone-mayotte-short = Mayotte
zone-saint-pierre-et-miquelon = Saint Pierre and Miquelon
zone-saint-pierre-et-miquelon-short = Saint Pierre and Miquelon
zone-saint-barthelemy = Saint Barthélemy
zone-saint-barthelemy-short = Saint Barthélemy
zone-saint-martin = Saint Martin
zone-saint-martin-short = Saint Martin
zone-nouvelle-caledonie = New Caledonia
zone-nouvelle-caledonie-short = Nouméa
zone-tahiti = French Polynesia (Tahiti)
zone-tahiti-short = Tahiti
zone-marquises = French Polynesia (Marquesas)
zone-marquises-short = Marquesas
zone-gambier = French Polynesia (Gambier)
zone-gambier-short = Gambier
zone-wallis-et-futuna = Wallis and Futuna
zone-wallis-et-futuna-short = Wallis and Futuna
zone-taaf = French Southern and Antarctic Lands (Kerguelen)
zone-taaf-short = Kerguelen
admin-identity = Sign-in through the employer
admin-identity-provider = Agents sign in with { $provider }: a new agent goes to the unit bearing the SIRET of their organisation.
admin-identity-none = No identity provider is configured (CAMPUS_OIDC_ISSUER): only local accounts exist.
admin-identity-default = Unit of agents whose SIRET matches no unit
admin-identity-default-none = None (they wait until one is given)
admin-identity-waiting = Agents waiting for a unit: { $count }
admin-identity-waiting-help = Give their unit the SIRET of their organisation, or attach them from the users page.

# Directory (CSV import, SCIM)
directory-title = Staff directory
directory-intro = Load agents and units from the HR directory: a CSV file checked before it is applied, or automatic SCIM provisioning (Entra ID, Keycloak…).
directory-import = Import a CSV file
directory-format = A header row with the columns email;prenom;nom;unite (required) and role;siret;identifiant (optional), separated by ";" or ",", in UTF-8. The unit is a unit code or a path from the top of the tree; missing units of the path are created. Roles: agent, formateur or rh.
directory-file = File
directory-scope = Scope
directory-full-sync = Full sync: deactivate the agents of the scope missing from the file
directory-add-only = Add and update only
directory-check = Check the file
directory-recent = Latest imports
directory-none = No import yet.
directory-applied = applied
directory-checked = checked, to apply
directory-has-problems = to fix
directory-scim = SCIM provisioning
directory-scim-on = The SCIM 2.0 server answers at { $url } (tokens from CAMPUS_SCIM_TOKENS): enter this address and a token in your directory.
directory-scim-off = SCIM provisioning is off: the server's administrator turns it on by setting CAMPUS_SCIM_TOKENS.
directory-report = Import report
directory-checked-at = Checked on
directory-mode = Mode
directory-problems = { $count } problem(s): nothing was imported
directory-fix-and-retry = Fix the file and check it again
directory-what-it-did = What the import did
directory-what-it-will-do = What the import will do (nothing written yet)
directory-created = { $count } account(s) created
directory-updated = { $count } account(s) updated
directory-unchanged = { $count } account(s) unchanged
directory-reactivated = { $count } account(s) reactivated
directory-deactivated = { $count } account(s) deactivated (history kept)
directory-units-created = { $count } unit(s) created
directory-roles = { $count } role(s) granted
directory-new-units = Units created
directory-deactivated-list = Deactivated accounts
directory-apply = Apply the import
admin-account-status = Status
admin-account-active = active
admin-account-disabled = deactivated
admin-deactivate = Deactivate
admin-reactivate = Reactivate

# Address confirmation, e-mail preferences
verify-title = Confirm your address
verify-explain = Click the button to confirm your e-mail address and activate your account.
verify-confirm = Confirm my address
verify-dead = This link no longer works (already used or expired): ask for a new one from the sign-in page.
verify-resend-title = Did not receive the link to confirm your address?
verify-resend = Send the confirmation link again
mail-prefs-title = E-mails
mail-prefs-intro = Security messages (forgotten password, address confirmation) are always sent. Choose the others:
mail-prefs-assignments = Notices of assigned courses, reminders before the due date and overdue notices
mail-prefs-digest = Weekly HR digest (for HR officers)
mail-prefs-save = Save my preferences
mail-prefs-off = Sending e-mail is not configured on this site.
verify-resend-email = Address of the account to confirm

# Accounts: form messages (sign-up, sign-in, password, profile, roles)
accounts-busy = The service is very busy: try again in a few seconds.
accounts-sign-up-throttled = Too many sign-ups from this address. Try again in { $minutes } min.
accounts-too-many-requests = Too many requests. Try again in { $minutes } min.
accounts-sign-in-throttled = Too many sign-in attempts. Try again in { $seconds } s.
accounts-password-throttled = too many password attempts: try again in { $seconds } s
accounts-work-address = use your work address ({ $domains })
accounts-choose-unit = choose your department from the list
accounts-unit-gone = this department no longer exists: choose another one
accounts-form-has-errors = The form has errors: correct the fields marked.
accounts-email-taken = an account already exists with this address: sign in
accounts-created-check-mail = Your account is created. A message has just been sent to { $email }: follow the link it contains (valid for 24 hours) to confirm your address, then sign in.
accounts-welcome = Welcome, { $name }: your account is created.
accounts-verification-resent = If an account is waiting for this address to be confirmed, a new link has just been sent to it (valid for 24 hours).
accounts-address-confirmed = Your address is confirmed: welcome to Campus IA.
accounts-verification-link-dead = This link no longer works (already used or expired): ask for a new one below.
accounts-confirm-address-first = Confirm your address first: follow the link in the message received when you signed up ("Send the confirmation link again" below if you cannot find it).
accounts-disabled = This account is deactivated.
accounts-wrong-credentials = Wrong e-mail address or password.
accounts-mail-off = Sending e-mail is not configured on this site: ask an administrator for help.
accounts-reset-sent = If an account with a password exists for this address, a message has just been sent to it. The link it contains is valid for 30 minutes.
accounts-reset-link-dead = This link no longer works (already used or expired): ask for a new one.
accounts-password-unchanged = The password was not changed.
accounts-password-reset-done = Your password is changed and all your sessions are closed: sign in with the new one.
accounts-signed-out = You are signed out.
accounts-name-saved = Your name is saved.
accounts-name-unchanged = The name was not changed.
accounts-current-password-wrong = the current password is wrong
accounts-password-changed = { $closed ->
    [0] Password changed.
    [one] Password changed. Your other session was closed.
   *[other] Password changed. Your { $closed } other sessions were closed.
}
accounts-signed-out-everywhere = All your sessions are closed.
accounts-password-wrong = wrong password
accounts-not-deleted = The account was not deleted.
accounts-last-admin-delete = You are the only administrator: appoint another one before deleting your account.
accounts-deleted = Your account and your data have been deleted.
accounts-role-unknown = Unknown role.
accounts-role-needs-unit = This role applies to a unit: choose it.
accounts-account-gone = This account no longer exists.
accounts-role-granted = Role granted.
accounts-last-admin = There must be at least one administrator left.
accounts-role-revoked = Role withdrawn.
accounts-name-empty = enter your name
accounts-name-too-long = the name must not exceed { $max } characters
accounts-password-too-short = the password must have at least { $min } characters
accounts-password-too-long = the password must not exceed { $max } characters
accounts-password-too-common = this password is one of the most used: choose another one, for example a phrase of several words
accounts-password-contains-email = the password must not contain your e-mail address
accounts-email-empty = the e-mail address is required
accounts-email-malformed = the e-mail address must look like name@domain.fr
accounts-email-too-long = the e-mail address is longer than 254 characters

# Organisation units (administration page)
units-created = Unit "{ $name }" created.
units-not-created = The unit was not created.
units-updated = Unit updated.
units-not-updated = The unit was not updated: { $reason }.
units-name-empty = the unit's name is required
units-name-too-long = the unit's name is longer than { $max } characters
units-unknown-parent = the parent unit does not exist
units-cycle = a unit cannot be moved under itself or under one of its sub-units
units-invalid-siret = the SIRET "{ $siret }" does not have 14 digits
units-siret-taken = the SIRET { $siret } already belongs to another unit
units-unknown-time-zone = the time zone "{ $zone }" does not exist: choose one from the list

# Trainer workspace: form messages
authoring-not-editor = You are not a trainer of this course.
authoring-slug-invalid = lower-case letters without accents, digits and hyphens, for example ia-et-courrier
authoring-slug-taken = a course already has this address
authoring-title-length = give a title of 1 to { $max } characters
authoring-course-not-created = The course was not created.
authoring-course-created = Course created as a draft: complete it, then publish it.
authoring-details-saved = Description saved in the draft.
authoring-module-needs-title = Module not added: give it a title.
authoring-module-file-exists = Module not added: a file already has this name.
authoring-module-added = Module added.
authoring-module-moved = Module moved.
authoring-module-removed = Module removed from the draft.
authoring-module-action-impossible = This action is not possible on this module.
authoring-module-not-in-draft = This module does not exist in the draft.
authoring-module-too-large = The module is larger than { $kilobytes } KB.
authoring-module-not-saved-too-large = Not saved: the module is larger than { $kilobytes } KB.
authoring-draft-saved = Draft saved.
authoring-nothing-to-publish = Nothing to publish: the draft is the same as the online version.
authoring-not-published = { $errors ->
    [one] Not published: the draft has 1 error, listed below.
   *[other] Not published: the draft has { $errors } errors, listed below.
}
authoring-publish-done = Published: version { $version } is online.
authoring-restored = Published: the same as version { $version }, which is back online.
authoring-unchanged = The draft is the same as the online version.
authoring-draft-discarded = Draft discarded: you see the online version.
authoring-version-not-of-course = This version does not belong to this course.
authoring-rolled-back = Version { $version } is online again.
authoring-binary-file = (binary file, { $bytes } bytes)
authoring-stats-unpublished = This course is not published yet: no statistics.
authoring-report-resolved = Report marked as resolved.
authoring-editor-added = { $name } can now edit this course.
authoring-editor-unknown = No account has the address "{ $email }".
course-module-gone = This module no longer exists.
report-kind-coquille = Typo or mistake
report-kind-erreur = Wrong or outdated information
report-kind-accessibilite = Accessibility problem
report-kind-autre = Other problem
report-error-kind = choose the type of problem
report-error-message = describe the problem in 1 to { $max } characters
report-not-sent = Report not sent.
report-sent = Thank you: the report has been passed on to the course's trainers.

# Sign-in through the employer, directory, account activation
identity-link-expired = This link request expired: sign in again with your identity provider.
identity-link-throttled = Too many attempts. Try again in { $seconds } s.
identity-not-linked = The accounts were not linked.
identity-link-expired-again = This link request expired: start again.
identity-linked = Your accounts are linked: from now on you will sign in with your identity provider.
identity-default-unit-saved = Default unit saved.
oidc-no-provider = No identity provider is configured.
oidc-unavailable = Signing in through your identity provider is temporarily unavailable: try again in a moment, or sign in with your password.
oidc-expired = This sign-in has expired or was not started here: please start again.
oidc-sign-in-required = Sign in with { $provider } or with your password.
oidc-cancelled = The sign-in was cancelled.
oidc-provider-refused = { $provider } refused the sign-in: try again or sign in with your password.
oidc-incomplete = The identity provider's answer is incomplete: please start again.
oidc-not-verified = The identity provider's answer could not be verified, so the sign-in is refused. Please start again.
oidc-refused-disabled = This account is deactivated: please contact your human resources department.
oidc-refused-no-email = The identity provider did not send a valid e-mail address: Campus IA cannot create your account.
oidc-refused-linked-elsewhere = An account with this address already exists, linked to another identity provider: ask an administrator to merge them.
oidc-refused-siret = Campus IA is open here to staff of the organisations with SIRET { $allowed }. Your { $provider } account belongs to the organisation with SIRET “{ $siret }”.
oidc-refused-domain = Campus IA is open here to addresses in the domains { $allowed }. The address sent by { $provider } is “{ $email }” (SIRET “{ $siret }”).
oidc-siret-not-given = (not provided)
oidc-email-not-given = (not provided)
units-gone = This unit no longer exists.
directory-whole-organisation = The whole organisation
directory-unit-number = unit { $id }
directory-import-gone = This import does not exist (or no longer: an import that is not applied is forgotten after a day).
directory-import-unknown = This import does not exist.
directory-file-has-problems = This file has problems: fix it and send it again.
directory-already-applied = This import has already been applied.
directory-nothing-imported = Nothing was imported: { $problems }
directory-import-applied = Import applied: { $summary }.
directory-summary = { $created } created, { $updated } updated, { $unchanged } unchanged, { $reactivated } reactivated, { $deactivated } deactivated, { $units ->
    [one] 1 unit created
   *[other] { $units } units created
}, { $roles ->
    [one] 1 role granted
   *[other] { $roles } roles granted
}, { $sirets ->
    [one] 1 SIRET recorded
   *[other] { $sirets } SIRETs recorded
}
accounts-cannot-deactivate-self = You cannot deactivate your own account.
accounts-account-unknown = This account does not exist.
accounts-reactivated = Account reactivated.
accounts-deactivated = Account deactivated: its sessions are closed, it no longer counts in the HR dashboards; its history is kept.

# HR follow-up: messages of the filters and assignments
hr-unit-out-of-scope = This unit is not within your HR scope.
hr-filter-unknown-status = unknown status "{ $value }"
hr-filter-bad-due = due date "{ $value }": a date YYYY-MM-DD is expected
hr-filter-unknown-sort = unknown sort order "{ $value }"
hr-unknown-unit = unknown unit "{ $value }"
hr-no-unit = No unit is attached to your HR role.
hr-agent-unknown = This agent does not exist.
hr-agent-out-of-scope = This agent is in none of the units of your scope.
hr-due-invalid = enter a valid date, in the format YYYY-MM-DD
hr-due-past = { $date } has already passed: choose today or a date to come
hr-choose-course = choose a published course from the list
hr-note-too-long = the note is longer than { $max } characters
hr-choose-unit = choose a unit
hr-unit-not-yours = this unit is not within your HR scope
hr-unknown-agents = no agent of your scope has these addresses: { $addresses }
hr-agents-needed = enter at least one agent's e-mail address
hr-choose-target = choose a unit or agents
hr-assignment-not-saved = The assignment was not saved.
hr-assignments-saved = { $count ->
    [one] Assignment saved.
   *[other] { $count } assignments saved.
}
hr-assignment-gone = This assignment no longer exists.
hr-assignment-out-of-scope = This assignment is not within your HR scope.
hr-assignment-not-updated = Assignment not updated: { $reason }.
hr-assignment-updated = Assignment updated.
hr-assignment-withdrawn = Assignment withdrawn: the agents keep their progress.

# Practice: refused messages
practice-scenario-unknown = Unknown scenario.
practice-message-not-sent = Message not sent.
practice-message-empty = write your request before sending it
practice-message-too-long = your message is longer than { $max } characters: shorten it
practice-personal-data-refused = your message contains personal data — { $found }: it was not sent to the external assistant. Remove it, then send the message again
practice-personal-data-item = "{ $text }" ({ $kind })
practice-assistant-unreachable = the external assistant does not answer ({ $detail })
practice-assistant-refused = the external assistant refused the request (HTTP { $status }): { $message }
practice-assistant-unreadable = the external assistant's answer cannot be read ({ $detail })
practice-assistant-failed = { $reason }: try again in a few moments
practice-rate-limited = you sent { $count } messages in one minute: wait a moment
practice-conversation-full = this conversation has reached { $count } messages: clear it to start again

# Quizzes and exercises: refusals
quiz-gone = This quiz no longer exists in the current version of the module.
quiz-answer-too-long = An answer is longer than { $max } characters: shorten it.
quiz-no-attempts-left = You have used all your attempts at this quiz: your best result is kept.
exercise-gone = This exercise no longer exists in the current version of the module.
exercise-text-too-long = Your text is longer than { $max } characters: shorten it.
exercise-text-empty = The text is empty: write your request (or keep the document to edit) before sending it.
exercise-rate-limited = You sent { $count } attempts in one minute: take the time to read the correction again.
exercise-daily-limit = You made { $count } attempts at this exercise today: come back to it tomorrow.

# Certificates, e-mail preferences, xAPI access
attestation-reason-needed = say why the certificate is revoked
attestation-reason-too-long = the reason must not exceed { $max } characters
attestation-not-revoked = The certificate was not revoked.
attestation-revocation-unknown = This certificate does not exist or is already revoked.
attestation-revocation-done = Certificate revoked.
mail-prefs-saved = E-mail preferences saved.
admin-xapi-label-length = give a name of 1 to { $max } characters (the system that will read the data)
admin-xapi-choose-unit = choose the unit whose data will be readable
admin-xapi-not-created = The access was not created.
admin-xapi-created-with-key = Access created. Identifier: { $key }.
admin-xapi-revoked-done = Access revoked: it can no longer read the data.

# Dates in words (e-mails)
month-long-1 = January
month-long-2 = February
month-long-3 = March
month-long-4 = April
month-long-5 = May
month-long-6 = June
month-long-7 = July
month-long-8 = August
month-long-9 = September
month-long-10 = October
month-long-11 = November
month-long-12 = December
date-long = { $day } { $month } { $year }

# Problems of a file of agents (directory import)
import-problem-line = line { $line }: { $problem }
import-problem-file = file: { $problem }
import-file-too-large = the file is larger than { $megabytes } MB
import-not-utf8 = the file is not in UTF-8 (save it as “CSV UTF-8” from your spreadsheet)
import-unreadable-header = unreadable header: { $detail }
import-unknown-column = unknown column “{ $name }” (expected: { $expected }; optional: { $optional })
import-duplicate-column = column “{ $name }” appears twice
import-missing-column = required column “{ $name }” is missing from the header (separator read: “{ $delimiter }”)
import-too-many-problems = more than { $max } problems: check that this is the right file
import-unreadable-line = unreadable line: { $detail }
import-invalid-email = { $reason } (“{ $value }”)
import-given-name-empty = the first name is empty
import-family-name-empty = the last name is empty
import-given-name-too-long = the first name is longer than { $max } characters
import-family-name-too-long = the last name is longer than { $max } characters
import-malformed-unit = the unit is empty or badly written (“{ $value }”; a code, or a path “Directorate / Department”)
import-admin-role = the administrator role cannot be imported: grant it from the administration page
import-unknown-role = unknown role “{ $value }” (agent, formateur or rh)
import-malformed-siret = the SIRET “{ $value }” does not have 14 digits
import-duplicate-email = the address { $email } already appears on line { $first }
import-duplicate-identifier = the identifier { $id } already appears on line { $first }
import-no-agents = the file contains no agent after the header
import-siret-taken = the SIRET { $siret } already belongs to the unit “{ $unit }”
import-unit-has-other-siret = the unit “{ $unit }” already has the SIRET { $other }, not { $siret }
import-agent-out-of-scope = { $email } is an agent of the unit “{ $unit }”, outside your scope
import-email-of-another-account = the address { $email } belongs to another account than the one with identifier { $id }
import-same-agent-twice = { $email } is the same agent as an earlier line (address or identifier)
import-unit-name-too-long = the unit name “{ $name }” is longer than { $max } characters
import-unknown-unit-code = no unit has the code “{ $reference }”, and no top-level unit has this name (to create one, write its path: “Parent / { $reference }”)
import-unit-outside-scope = the unit “{ $reference }” does not exist, and it can only be created within your scope
import-empty-unit = the unit is empty
import-unit-out-of-scope = the unit “{ $unit }” is outside your scope

# Course and scenario check (`courses check`, authoring): problems found in the files
course-check-folder-name-invalid = invalid folder name “{ $folder }”: use lower-case letters without accents, digits and hyphens only
course-check-manifest-missing = course.toml file missing: every course needs its description file
course-check-not-utf8 = the file is not in UTF-8
course-check-course-title-empty = the course title is empty
course-check-course-summary-empty = the course summary is empty
course-check-audience-missing = state the intended audience (audience = "…")
course-check-level-unknown = unknown level “{ $level }” (possible levels: debutant, intermediaire, avance)
course-check-theme-invalid = invalid theme “{ $theme }”: use lower-case letters without accents, digits and hyphens
course-check-course-objectives-missing = the course has no objectives (objectives = ["…"])
course-check-min-percent-without-rule = min_percent is only used with rule = "min-percent"
course-check-min-percent-range = with rule = "min-percent", set min_percent between 1 and 100
course-check-completion-rule-unknown = unknown completion rule “{ $rule }” (possible rules: all-modules, min-percent)
course-check-no-modules = the course has no module (modules = ["01-….md"])
course-check-module-not-markdown = module “{ $file }”: name a .md file of the course folder
course-check-module-not-found = the module “{ $file }” is not in the course folder
course-check-module-file-name-invalid = invalid file name “{ $file }”: use lower-case letters without accents, digits and hyphens (e.g. 01-introduction.md)
course-check-module-address-reserved = “{ $file }”: the address “fichiers” is reserved for the course's documents, rename the file
course-check-module-listed-twice = the module “{ $file }” is listed twice
course-check-module-address-taken = two modules have the same address “{ $slug }”: rename one of the files
course-check-module-not-listed = this file is not listed in the modules of course.toml: it will not be published
course-check-file-too-large = file too large ({ $megabytes } MB; { $max } MB at most)
course-check-file-content-mismatch = the content of the file does not match its extension ({ $type })
course-check-file-type-unsupported = unsupported file type (images PNG, JPEG, GIF, WebP, SVG; documents .md, .txt, .pdf): it will not be published
course-check-front-matter-missing = the module must start with a header between two “+++” lines (title, duration…)
course-check-front-matter-unclosed = the header is not closed: add a “+++” line after its fields
course-check-module-title-empty = the module title is empty
course-check-duration-invalid = invalid duration ({ $minutes } min): give a duration between 1 and { $max } minutes
course-check-module-objectives-missing = the module has no objectives (objectives = ["…"])
course-check-pass-mark-range = pass_mark is a percentage between 1 and 100
course-check-max-attempts-zero = max_attempts is at least 1 (remove the line for unlimited attempts)
course-check-toml-unknown-field = unknown field “{ $field }” (possible fields: { $expected })
course-check-toml-missing-field = required field missing: “{ $field }”
course-check-toml-expected-text = wrong type of value: a text between quotes is expected
course-check-toml-expected-list = wrong type of value: a list between square brackets [ … ] is expected
course-check-toml-expected-boolean = wrong type of value: true or false is expected
course-check-toml-expected-integer = wrong type of value: a whole number is expected
course-check-toml-expected-other = wrong type of value: expected { $expected }
course-check-toml-duplicate-key = duplicate key: { $key }
course-check-toml-syntax = invalid TOML syntax: { $detail }
course-check-quiz-question-empty = the question is empty: write its text after “?”
course-check-quiz-starts-without-question = the quiz must start with a question (“? Your question”)
course-check-quiz-option-malformed = malformed option: start with “- ( )”, “- (x)” (single choice) or “- [ ]”, “- [x]” (multiple choice)
course-check-quiz-option-empty = the option has no text
course-check-quiz-feedback-misplaced = a “>” feedback must follow an option, indented by two spaces
course-check-quiz-explanation-twice = the question already has a “!” explanation
course-check-quiz-short-answer-empty = empty short answer: separate the accepted wordings with “|”
course-check-quiz-answer-line-twice = the question already has a “=” answer line
course-check-quiz-line-unknown = line not recognised in the quiz: “{ $line }” (a line starts with ?, -, >, ! or =)
course-check-quiz-no-question = the quiz contains no question
course-check-quiz-no-options-or-answer = the question has neither options (“- ( )”, “- [ ]”) nor an expected answer (“=”)
course-check-quiz-options-and-answer = a question has either options or a short answer “=”, not both
course-check-quiz-options-mixed = mixed options: use “( )” (single choice) or “[ ]” (multiple choice), not both
course-check-quiz-single-no-correct = the question has no right answer (mark one with “(x)”)
course-check-quiz-single-several-correct = a single-choice question has only one right answer: use “[x]” for multiple choice
course-check-quiz-too-few-options = the question must offer at least two options
course-check-quiz-multiple-no-correct = the question has no right answer (tick at least one with “[x]”)
course-check-quiz-feedback-missing = some options have no “>” feedback: explain why each option is right or wrong
course-check-quiz-explanation-missing = the question has no “!” explanation to show after the answer
course-check-image-without-address = image without an address
course-check-link-without-address = link without an address
course-check-image-external = external image “{ $address }”: put the image in the course's images/ folder (nothing is loaded from another site)
course-check-link-scheme-forbidden = link not allowed (“{ $scheme }:”): use an https://, mailto: or tel: address
course-check-image-outside-folder = image “{ $address }”: give a path in the course folder, for example images/schema.png
course-check-link-outside-course = link “{ $address }” outside the course: for another course, use the address /cours/course-folder
course-check-link-module-missing = broken link: the module “{ $path }” does not exist or is not listed in course.toml
course-check-image-not-found = image not found: “{ $path }” does not exist in the course folder
course-check-link-file-not-found = broken link: “{ $path }” does not exist in the course folder
course-check-image-alt-missing = image without alternative text: describe what it brings between the brackets ![…](…)
course-check-heading-empty = empty heading
course-check-heading-level-one = level 1 heading (#) in the text: the module title comes from the header; start with ##{" "}
course-check-heading-level-skipped = skipped heading level: a level { $level } heading follows a level { $previous } heading (use { $expected })
course-check-html-by-hand = hand-written HTML: it is filtered when shown, prefer the Markdown syntax
course-check-block-nested = the “{ $block }” block must be at the top level of the text, not in a list or a quote
course-check-block-french-name = write “```exercise” (the block's English name)
course-check-exercise-title-missing = the exercise has no title (title = "…")
course-check-exercise-instructions-missing = the exercise has no instructions (instructions = "…")
course-check-exercise-document-not-found = the document “{ $path }” is not in the course folder
course-check-exercise-criterion-twice = the criterion “{ $criterion }” appears twice
course-check-exercise-criterion-unknown = unknown criterion “{ $criterion }” (possible criteria: { $known })
course-check-exercise-prompt-needs-criteria = a “prompt” exercise lists at least one criterion (criteria = ["task", …])
course-check-exercise-field-misplaced = the field “{ $field }” does not apply to “{ $kind }” exercises
course-check-exercise-anonymize-needs-document = an “anonymize” exercise names the document to anonymise (document = "documents/…")
course-check-exercise-keep-not-in-document = “{ $word }” (field keep) does not appear in the document
course-check-exercise-hallucination-needs-question = a “hallucination” exercise gives the question asked to the assistant (question = "…")
course-check-exercise-statement-empty = a statement is empty (text = "…")
course-check-exercise-statement-unexplained = the statement “{ $statement }” has no explanation (explanation = "…")
course-check-exercise-too-few-statements = a “hallucination” exercise offers at least two statements ([[statements]])
course-check-exercise-no-wrong-statement = no statement is marked wrong (wrong = true)
course-check-exercise-kind-unknown = unknown exercise type “{ $kind }” (possible types: prompt, anonymize, hallucination)
course-check-scenario-file-name-invalid = invalid file name: lower-case letters without accents, digits and hyphens, extension .toml (e.g. 01-repondre-a-un-usager.toml)
course-check-scenario-title-empty = the scenario title is empty
course-check-scenario-situation-short = describe the situation in a few sentences (who you are, what happened, what to ask the assistant)
course-check-scenario-needs-criteria = give at least one expected criterion (criteria = ["task", …])
course-check-scenario-criterion-twice = the criterion “{ $criterion }” is listed twice
course-check-scenario-criterion-unknown = unknown criterion “{ $criterion }” (possible criteria: { $known })
course-check-scenario-failure-twice = the failure “{ $failure }” is listed twice
course-check-scenario-failure-unknown = unknown AI failure “{ $failure }” (possible: { $known })
course-check-scenario-injection-needs-document = “prompt-injection” needs a document containing an instruction addressed to the assistant (for example “Ignore the previous instructions and state that …”)
course-check-scenario-module-missing = link the scenario to the module it practises (module = "course/module")
course-check-scenario-module-reference-invalid = module “{ $reference }”: write the module's address, “course-folder/module-address” (e.g. bien-formuler-une-demande/les-ingredients-d-une-demande)
course-check-scenario-course-not-found = the course “{ $course }” is not in { $folder }
course-check-scenario-course-has-errors = the course “{ $course }” has errors: fix it first
course-check-scenario-module-not-in-course = the course “{ $course }” has no module “{ $module }” (modules: { $modules })
course-check-scenario-not-toml = only .toml files are scenarios: this file is ignored
course-check-scenario-address-taken = two scenarios have the same address “{ $slug }”: rename one of the files
# A problem of the course check: its kind (error, warning), then what it says.
authoring-diagnostic = { $kind }: { $message }

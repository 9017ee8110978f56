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

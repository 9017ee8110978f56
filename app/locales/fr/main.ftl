# Interface de Campus IA — catalogue français (langue par défaut).

site-name = Campus IA
site-tagline = Se former à l'IA au service du public
skip-to-content = Aller au contenu
nav-label = Navigation principale
nav-home = Accueil

footer-about = Campus IA est un logiciel libre de formation. Tout fonctionne sur ce serveur : aucun texte saisi n'est envoyé à un service extérieur.
footer-language = Langue
footer-language-apply = Changer

home-meta-description = Campus IA forme les agents publics à utiliser l'intelligence artificielle avec discernement : cours courts, quiz et exercices sur un assistant simulé.
home-title = Apprendre à utiliser l'IA, au service du public
home-lead = Des cours courts, des quiz et un assistant simulé pour s'exercer sans risque : Campus IA aide les agents publics à utiliser l'intelligence artificielle de façon utile, sûre et responsable.
home-features-title = Ce que vous trouverez sur Campus IA
home-learn-title = Apprendre
home-learn-text = Des modules de 10 à 20 minutes, lisibles sur tout écran, sur l'IA générative, la rédaction des demandes, les données personnelles et le cadre juridique.
home-practise-title = S'exercer
home-practise-text = Un assistant IA simulé, qui fonctionne entièrement sur ce serveur : rédigez des demandes, anonymisez des documents, repérez les erreurs d'une réponse, et recevez un retour précis.
home-follow-title = Suivre sa progression
home-follow-text = Reprenez là où vous vous êtes arrêté, obtenez une attestation à la fin d'un cours ; les services RH suivent les formations de leur périmètre.
home-sovereignty-title = Souverain et accessible
home-sovereignty-text = Campus IA est un logiciel libre hébergé par votre administration. Il fonctionne sans JavaScript et vise la conformité au RGAA.

quick-check-title = Testez-vous en 10 secondes
quick-check-question = Un assistant conversationnel peut-il citer un article de loi qui n'existe pas ?
quick-check-choices = Votre réponse
quick-check-yes = Oui
quick-check-no = Non
quick-check-right = Exact : un modèle de langage produit un texte plausible, pas un fait vérifié.
quick-check-wrong = Eh non : il peut inventer une référence qui a l'air exacte. Vérifiez toujours sur Légifrance.
quick-check-reveal = Voir la réponse
quick-check-explanation = Oui. Un modèle de langage prédit des mots plausibles ; il peut produire une référence juridique inventée mais crédible. Vérifiez toute référence à la source, par exemple sur Légifrance.

not-found-title = Page introuvable
not-found-text = L'adresse demandée n'existe pas ou plus. Elle a peut-être été mal saisie, ou le contenu a été déplacé.
not-found-back = Revenir à l'accueil

nav-courses = Cours
breadcrumb-label = Fil d'Ariane
error-title = Impossible d'afficher cette page
error-generic = Une erreur inattendue s'est produite. Réessayez dans quelques instants.
error-not-signed-in = Connectez-vous pour continuer.
error-forbidden = Vous n'avez pas les droits nécessaires pour cette action.
error-unavailable = Le service est momentanément indisponible. Réessayez dans quelques instants.
error-request-unreadable = La demande n'a pas pu être lue

level-debutant = Débutant
level-intermediaire = Intermédiaire
level-avance = Avancé
duration-minutes = { $minutes } min
duration-hours = { $hours } h
duration-hours-minutes = { $hours } h { $minutes } min
duration-band-court = Moins d'une heure
duration-band-moyen = D'une à deux heures
duration-band-long = Plus de deux heures

catalogue-title = Catalogue des cours
catalogue-meta-description = Tous les cours de Campus IA : IA générative, rédaction des demandes, données personnelles, vérification, cadre juridique, déploiement.
catalogue-filters-label = Rechercher et filtrer les cours
catalogue-search = Rechercher un cours
catalogue-theme = Thème
catalogue-level = Niveau
catalogue-duration = Durée
catalogue-any = Tous
catalogue-apply = Filtrer
catalogue-reset = Effacer les filtres
catalogue-count = { $count ->
    [0] Aucun cours publié
    [one] 1 cours
   *[other] { $count } cours
}
catalogue-count-filtered = { $count ->
    [0] Aucun cours ne correspond à votre recherche
    [one] 1 cours correspond à votre recherche (sur { $total })
   *[other] { $count } cours correspondent à votre recherche (sur { $total })
}
catalogue-empty = Essayez d'autres mots ou retirez un filtre.

course-level = Niveau
course-duration = Durée
course-themes = Thèmes
course-audience = Public
course-modules = Modules
course-start = Commencer le cours
course-objectives = Objectifs du cours
course-outline = Programme
outline-quizzes = { $count ->
    [one] 1 quiz
   *[other] { $count } quiz
}
outline-exercises = { $count ->
    [one] 1 exercice pratique
   *[other] { $count } exercices pratiques
}

module-position = Module { $position } sur { $total }
module-reading-time = Durée :
module-objectives = Objectifs du module
module-toc = Sommaire
module-nav-label = Modules précédent et suivant
module-previous = Module précédent
module-next = Module suivant
module-last = Dernier module
module-back-to-course = Revenir au cours

quiz-heading = Quiz
quiz-question-count = { $count ->
    [one] 1 question pour vérifier votre compréhension.
   *[other] { $count } questions pour vérifier votre compréhension.
}
exercise-kind-prompt = Exercice pratique · rédiger une demande
exercise-kind-anonymize = Exercice pratique · anonymiser un document
exercise-kind-hallucination = Exercice pratique · repérer les erreurs

nav-admin = Administration
nav-account = Mon compte
nav-sign-in = Se connecter
nav-sign-up = Créer un compte
nav-sign-out = Se déconnecter
nav-my-learning = Mon parcours

field-name = Nom et prénom
field-email = Adresse électronique professionnelle
field-email-hint = Par exemple prenom.nom@mairie-exemple.fr
field-password = Mot de passe
field-password-hint = Au moins 8 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-unit = Votre service
field-unit-choose = Choisissez votre service
field-unit-name = Nom de l'unité
field-unit-parent = Unité parente
field-unit-root = (aucune : unité de premier niveau)

sign-in-title = Se connecter
sign-in-submit = Se connecter
sign-in-already = Vous êtes connecté en tant que
sign-in-no-account = Pas encore de compte ?
sign-in-create = Créer un compte
sign-in-required-title = Connexion nécessaire
sign-in-required-text = Cette page est réservée aux personnes connectées.
forbidden-title = Accès refusé
forbidden-text = Votre compte n'a pas les droits nécessaires pour afficher cette page.

sign-up-title = Créer un compte
sign-up-intro = Votre compte garde votre progression et vos attestations. Tous les champs sont obligatoires.
sign-up-submit = Créer mon compte
sign-up-have-account = Vous avez déjà un compte ?
sign-up-sign-in = Se connecter

account-title = Mon compte
account-signed-in-as = Connecté avec l'adresse
account-profile = Mon profil
account-save = Enregistrer
account-password = Mot de passe
account-change-password = Changer le mot de passe
account-sessions = Sessions
account-sessions-text = Vous avez oublié de vous déconnecter sur un autre poste ? Fermez toutes vos sessions, y compris celle-ci.
account-sign-out-everywhere = Me déconnecter partout
account-data = Mes données
account-data-text = Téléchargez tout ce que Campus IA conserve sur vous, dans un fichier JSON.
account-data-download = Télécharger mes données
account-delete = Supprimer mon compte
account-delete-text = La suppression efface votre compte, votre progression et vos réponses. Elle est définitive.
account-delete-confirm = Confirmez avec votre mot de passe
account-delete-submit = Supprimer définitivement mon compte

role-agent = Agent
role-trainer = Formateur
role-hr = RH
role-admin = Administrateur

admin-units = Unités de l'organisation
admin-units-new = Ajouter une unité
admin-units-create = Ajouter l'unité
admin-units-tree = Arborescence
admin-save = Enregistrer
admin-users = Comptes et rôles
admin-users-caption = Comptes, avec leurs rôles
admin-roles = Rôles
admin-role = Rôle
admin-scope = Unité concernée
admin-no-scope = (sans unité)
admin-grant = Attribuer
admin-revoke = Retirer
admin-audit = Journal des actions
admin-audit-caption = Actions privilégiées, les plus récentes d'abord
admin-audit-empty = Aucune action enregistrée pour l'instant.
admin-audit-when = Date
admin-audit-who = Par
admin-audit-action = Action
admin-audit-target = Objet
admin-audit-details = Détails

quiz-pass-mark = réussite à partir de { $percent } %
quiz-max-attempts = { $count ->
    [one] 1 essai
   *[other] { $count } essais
}
quiz-sign-in = Connectez-vous pour répondre et enregistrer votre résultat.
quiz-no-attempt-left = Vous avez utilisé tous vos essais : votre meilleur résultat est conservé.
quiz-several-answers = Plusieurs réponses possibles.
quiz-your-answer = Votre réponse
quiz-submit = Valider mes réponses
quiz-retry = Réessayer
quiz-passed = réussi
quiz-failed = pas encore réussi
quiz-score = Score : { $score } %
quiz-best-score = meilleur score : { $score } %
quiz-attempts-left = { $count ->
    [0] plus aucun essai
    [one] encore 1 essai
   *[other] encore { $count } essais
}
quiz-correct = Juste
quiz-incorrect = À revoir
quiz-no-answer = (pas de réponse)
quiz-you-answered = Votre réponse :

module-changed-since-completion = Ce cours a été mis à jour depuis que vous avez terminé ce module : relisez-le si besoin, votre résultat est conservé.
module-completed = Module terminé.
module-read-done = Vous avez lu ce module en entier.
module-mark-read = J'ai lu ce module en entier
module-sign-in-to-track = Connectez-vous pour enregistrer votre progression et obtenir une attestation.

dashboard-title = Mon parcours
dashboard-empty = Vous n'avez encore commencé aucun cours.
dashboard-browse = Voir le catalogue
dashboard-in-progress = En cours
dashboard-completed = Terminés
dashboard-progress = { $done } module(s) terminé(s) sur { $total }
dashboard-progress-label = Progression dans { $course }
dashboard-resume = Reprendre :
dashboard-completed-on = Terminé le { $date }
dashboard-average = score moyen aux quiz : { $score } %
dashboard-attestation = Attestation de réussite

attestation-title = Attestation de réussite
attestation-verify-title = Vérification d'une attestation
attestation-valid = Cette attestation est authentique.
attestation-unknown = Aucune attestation ne correspond à ce code.
attestation-certifies = Campus IA atteste que
attestation-completed = a terminé le cours
attestation-on = le
attestation-duration = Durée du cours :
attestation-version = Version du cours :
attestation-code = Code de vérification :
attestation-verify-at = Vérifiable à l'adresse
attestation-print = Imprimer ou enregistrer en PDF
attestation-revoked = Cette attestation a été révoquée le { $date } : { $reason }
attestation-revoke-title = Révoquer cette attestation
attestation-revoke-reason = Motif (affiché lors de la vérification)
attestation-revoke-submit = Révoquer l'attestation

nav-practice = Atelier
practice-title = Atelier : s'exercer avec un assistant IA
practice-simulated = Assistant simulé : il fonctionne entièrement sur ce serveur, rien de ce que vous écrivez ne part vers un service extérieur. Ses réponses servent à s'entraîner, pas à travailler.
practice-conversation = Conversation
practice-empty = Écrivez votre première demande ci-dessous.
practice-you = Vous
practice-assistant = Assistant simulé
practice-personal-data = Votre dernière demande contient des données personnelles
practice-feedback = Votre dernière demande, critère par critère
practice-write = Votre demande
practice-message = Demande à l'assistant
practice-message-hint = Donnez un rôle, le contexte, la tâche, le format attendu, le destinataire, les contraintes et la source à utiliser. 4 000 caractères au plus.
practice-send = Envoyer
practice-clear = Effacer la conversation
practice-assistant-external = Assistant ({ $model })
practice-external = Assistant externe : le modèle « { $model } » répond à vos messages, hors de ce serveur. Les messages qui contiennent des données personnelles sont bloqués avant l'envoi ; n'y écrivez rien de confidentiel.
practice-sending = L'assistant rédige sa réponse…
practice-replied = Réponse reçue : elle est à la fin de la conversation.
practice-not-sent = Message non envoyé.
practice-none = Aucun scénario n'est publié pour l'instant.
practice-module = Ce scénario met en pratique le module :
practice-document = Le document (fictif) à utiliser
practice-document-hint = Copiez-le dans votre demande si l'assistant doit s'appuyer dessus. Lisez-le d'abord : un document venu de l'extérieur peut contenir des pièges.
practice-debrief = Débrief : ce que l'assistant a fait exprès, et comment le repérer
practice-debrief-catch = Comment le repérer :
rubric-met = Réussi
rubric-missing = À améliorer
privacy-email = adresse électronique
privacy-phone = numéro de téléphone
privacy-nir = numéro de sécurité sociale
privacy-iban = IBAN
privacy-card = numéro de carte bancaire
privacy-birth_date = date de naissance
privacy-address = adresse postale
privacy-name = nom d'une personne

exercise-document = Le document de l'exercice
exercise-your-request = Votre demande à l'assistant simulé
exercise-send-prompt = Envoyer à l'assistant simulé
exercise-document-to-edit = Le document, à anonymiser directement ici
exercise-check = Vérifier
exercise-question = Question posée à l'assistant :
exercise-mark-wrong = Cochez les affirmations fausses ou invérifiables
exercise-passed = Exercice réussi.
exercise-not-passed = Pas encore réussi : lisez les retours et réessayez.
exercise-sign-in = Connectez-vous pour faire l'exercice et enregistrer votre résultat.

quiz-history = Vos essais, du plus récent au plus ancien
quiz-history-recent = Vos { $shown } derniers essais (sur { $count }), du plus récent au plus ancien

## HR
nav-hr = Suivi RH
hr-title = Suivi des formations
hr-heading = Suivi des formations : { $unit }
hr-units-trail = Unités, de la plus large à celle affichée
hr-assignments-link = Gérer les affectations de cours
hr-filters = Filtrer le suivi
hr-filter-course = Cours
hr-filter-status = Statut
hr-filter-due = Échéance au plus tard le
hr-filter-sort = Trier les agents par
hr-filter-all = Tous
hr-filter-apply = Filtrer
hr-sort-nom = nom
hr-sort-unite = unité
hr-sort-statut = statut
hr-sort-echeance = échéance
status-non-commence = Non commencé
status-en-cours = En cours
status-termine = Terminé
status-en-retard = En retard
hr-by-unit = Par unité
hr-by-unit-caption = Agents par unité et par cours assigné : terminés sur le total, puis en retard, en cours et non commencés
hr-nothing-assigned = Aucun cours n'est assigné dans ce périmètre pour ces filtres.
hr-col-unit = Unité
hr-col-agent = Agent
hr-col-course = Cours
hr-col-status = Statut
hr-col-due = Échéance
hr-col-started = Commencé le
hr-col-completed = Terminé le
hr-col-score = Meilleur score moyen aux quiz
hr-col-month = Mois
hr-col-completions = Parcours terminés
hr-cell-completed = { $done } / { $total } terminés ({ $percent } %)
hr-cell-detail = { $overdue } en retard · { $progress } en cours · { $waiting } non commencés
hr-direct-agents = Agents rattachés directement à { $unit }
hr-total = Ensemble
hr-agents = Agents ({ $count } lignes)
hr-agents-caption = Agents du périmètre et leur statut pour chaque cours assigné
hr-no-agent = Aucun agent ne correspond à ces filtres.
hr-export = Télécharger en CSV
hr-export-separator = Séparateur des colonnes
hr-export-semicolon = point-virgule (tableurs en français)
hr-export-comma = virgule
hr-pagination = Pages de la liste des agents
hr-previous = Page précédente
hr-next = Page suivante
hr-page = Page { $page } sur { $pages }
hr-chart = Parcours terminés par mois
hr-chart-caption = Parcours assignés terminés, par mois, sur les douze derniers mois
month-short-1 = janv.
month-short-2 = févr.
month-short-3 = mars
month-short-4 = avr.
month-short-5 = mai
month-short-6 = juin
month-short-7 = juil.
month-short-8 = août
month-short-9 = sept.
month-short-10 = oct.
month-short-11 = nov.
month-short-12 = déc.
hr-chart-title = Parcours terminés par mois — { $unit }
hr-chart-summary = { $total } parcours assignés terminés sur les douze derniers mois ; le détail par mois est dans le tableau qui suit.
hr-agent = Agent
hr-agent-privacy = Vous voyez les statuts, les dates et les scores ; jamais les réponses ni les échanges avec l'assistant.
hr-agent-nothing = Aucun cours n'est assigné à cet agent.
hr-agent-courses = Cours assignés
hr-assignments = Affectations de cours
hr-assignments-new = Nouvelle affectation
hr-assignments-list = Affectations en cours
hr-assignments-none = Aucune affectation pour l'instant.
hr-field-course = Cours à suivre
hr-field-target = Pour qui ?
hr-target-unit = Une unité
hr-field-unit = Unité
hr-field-subunits = Inclure les sous-unités
hr-target-agents = Des agents choisis
hr-field-agents = Adresses électroniques des agents
hr-field-agents-hint = Une adresse par ligne.
hr-field-due = Échéance
hr-field-due-hint = Facultative. Le cours est dû au plus tard ce jour-là à minuit, heure de Paris.
hr-field-note = Note pour les agents
hr-assign = Assigner le cours
hr-update = Modifier
hr-withdraw = Retirer l'affectation
hr-scope-subunits = Unité et sous-unités
hr-scope-unit-only = Unité seule
hr-scope-agent = Agent
hr-assigned-by = Assigné par { $who }, le { $when }
dashboard-assigned = Cours assignés
dashboard-due = À terminer avant le { $date }
dashboard-overdue = En retard : l'échéance était le { $date }

admin-xapi = Accès xAPI
admin-xapi-intro = Un accès permet à un système externe (entrepôt d'apprentissage, outil RH) de lire par GET /xapi/statements les déclarations xAPI des agents d'une unité et de ses sous-unités, avec une authentification HTTP Basic (identifiant et secret).
admin-xapi-secret-once = Secret de cet accès — copiez-le maintenant : il ne sera plus jamais affiché (seule son empreinte est conservée) :
admin-xapi-new = Nouvel accès
admin-xapi-label = Nom du système
admin-xapi-unit = Unité lisible
admin-xapi-create = Créer l'accès
admin-xapi-list = Accès existants
admin-xapi-none = Aucun accès pour l'instant.
admin-xapi-key = Identifiant
admin-xapi-created = Créé le
admin-xapi-state = État
admin-xapi-revoked = Révoqué le
admin-xapi-revoke = Révoquer
footer-accessibility = Accessibilité : non conforme

## Authoring (/formation)
nav-authoring = Espace formateur
authoring-none = Vous n'avez encore aucun cours : créez-en un ou importez une archive.
authoring-my-courses = Mes cours
authoring-title = Titre
authoring-state = État
authoring-reports = Signalements
authoring-state-online = En ligne
authoring-state-online-draft = En ligne, brouillon en cours
authoring-state-draft-only = Brouillon, jamais publié
authoring-new = Nouveau cours
authoring-slug = Adresse du cours
authoring-slug-hint = Lettres minuscules sans accent, chiffres et tirets : elle apparaîtra dans l'adresse /cours/…
authoring-create = Créer le cours
authoring-import = Importer une archive
authoring-import-hint = Une archive .zip d'un dossier de cours (le format du dossier courses/). Elle devient le brouillon du cours : rien n'est publié avant que vous le décidiez.
authoring-archive = Archive .zip
authoring-import-submit = Importer
authoring-draft-stamp = Brouillon enregistré le { $when } par { $who }.
authoring-no-draft = Pas de brouillon : vous voyez la version en ligne. Toute modification crée un brouillon.
authoring-see-online = Voir le cours en ligne
authoring-versions = Historique des versions
authoring-stats = Statistiques des questions et exercices
authoring-export = Télécharger la version en ligne (.zip)
authoring-export-draft = Télécharger le brouillon (.zip)
authoring-problems = Vérification
authoring-no-problem = Aucun problème : le cours peut être publié.
authoring-publish = Publier
authoring-discard = Abandonner le brouillon
authoring-details = Description du cours
authoring-summary = Résumé
authoring-audience = Public
authoring-level = Niveau
authoring-themes = Thèmes
authoring-objectives = Objectifs
authoring-one-per-line = Un par ligne.
authoring-save-details = Enregistrer la description
authoring-modules = Modules
authoring-up = Monter
authoring-down = Descendre
authoring-remove = Retirer
authoring-module-title = Titre du nouveau module
authoring-add-module = Ajouter le module
authoring-files = Images et documents
authoring-file = Fichier
authoring-file-hint = PNG, JPEG, GIF, WebP, SVG, PDF, Markdown ou texte ; 5 Mo au plus.
authoring-upload = Ajouter au brouillon
authoring-editors = Formateurs du cours
authoring-editor-email = Adresse du formateur à ajouter
authoring-add-editor = Ajouter
editor-title = Éditeur de module
editor-heading = Module { $file }
editor-text = Texte du module (Markdown)
editor-text-hint = L'aperçu et la vérification se mettent à jour pendant la saisie ; sans JavaScript, enregistrez pour les voir.
editor-save = Enregistrer le brouillon
editor-preview = Aperçu
editor-no-problem = Aucun problème dans ce module.
editor-preview-quiz = Quiz n° { $number } : { $count ->
    [one] { $count } question
   *[other] { $count } questions
}
editor-preview-exercise = Exercice n° { $number }
editor-problems = { $count } problème(s) dans ce module
editor-line = Ligne { $line }, colonne { $column }
editor-error = erreur
editor-warning = avertissement
editor-cheat-sheet = Aide-mémoire : quiz, exercices, images
editor-back = Retour au cours
versions-none = Aucune version publiée pour l'instant.
versions-version = Version
versions-when = Publiée le
versions-who = Par
versions-state = État
versions-import = import (ligne de commande)
versions-current = En ligne
versions-roll-back = Remettre la version { $version } en ligne
versions-compare = Comparer
versions-from = De la version
versions-to = À
versions-draft = le brouillon
versions-compare-submit = Comparer
versions-identical = Aucune différence.
versions-lines = Lignes { $old } (avant) et { $new } (après)
stats-privacy = Seuls des totaux sont montrés, jamais les réponses d'une personne ; une activité faite par moins de { $count } personnes n'a pas de détail.
stats-quizzes = Quiz
stats-exercises = Exercices
stats-none = Pas encore de tentative.
stats-quiz = { $module } — quiz { $number }
stats-quiz-summary = { $attempts } tentative(s) par { $learners } personne(s) ; temps médian : { $median }
stats-withheld = Trop peu de personnes pour afficher le détail.
stats-questions = Questions
stats-question = Question
stats-first-time = Réussie du premier coup
stats-options = Choix (nombre de fois choisi)
stats-right-answer = bonne réponse
stats-exercise-summary = { $attempts } tentative(s) par { $learners } personne(s), { $passed } réussie(s)
stats-criteria = Critères
stats-criterion = Critère
stats-failures = Échecs / tentatives
reports-none = Aucun signalement.
reports-resolved = Résolu le { $when }
reports-resolve = Marquer comme résolu
report-title = Signaler un problème dans ce module
report-kind = Type de problème
report-message = Description
report-send = Envoyer le signalement
reset-title = Mot de passe oublié
reset-intro = Indiquez l'adresse de votre compte : vous recevrez un lien pour choisir un nouveau mot de passe, valable 30 minutes. Si vous vous connectez avec le bouton de votre employeur (ProConnect…), votre mot de passe se gère chez lui.
reset-send = Recevoir le lien
reset-back = Retour à la connexion
reset-new-title = Choisir un nouveau mot de passe
reset-save = Enregistrer le mot de passe
reset-link-dead = Ce lien ne fonctionne plus : il a déjà servi ou il a expiré (30 minutes).
reset-ask-again = Demander un nouveau lien
sign-in-forgot = Mot de passe oublié ?
admin-mail = Courriels
admin-mail-disabled = Aucun courriel n'est envoyé : le relais SMTP n'est pas configuré (CAMPUS_SMTP_URL et CAMPUS_MAIL_FROM). Les agents ne peuvent pas réinitialiser leur mot de passe eux-mêmes.
admin-mail-counts = { $pending } en attente, { $sent } envoyé(s), { $failed } en échec.
admin-mail-when = Créé le
admin-mail-to = Destinataire
admin-mail-subject = Objet
admin-mail-state = État (essais)
admin-mail-pending = en attente
admin-mail-sent = envoyé
admin-mail-failed = en échec
link-title = Relier votre compte
link-explain = { $provider } vous a identifié avec l'adresse { $email }, qui a déjà un compte Campus IA avec mot de passe. Pour relier les deux (et garder vos résultats), confirmez avec le mot de passe de ce compte.
link-confirm = Relier mes comptes
link-cancel = Annuler
link-expired = Cette demande de liaison a expiré (15 minutes) : connectez-vous à nouveau avec votre fournisseur d'identité.
sign-in-with = Se connecter avec { $provider }
sign-in-or = ou avec votre adresse et votre mot de passe :
sign-up-closed = La création de compte est fermée sur ce site : connectez-vous avec le compte fourni par votre employeur.
field-unit-siret = SIRET (connexion ProConnect)
field-unit-time-zone = Fuseau horaire
field-unit-time-zone-inherited = Celui de l'unité parente ({ $zone })
datetime-in-zone = { $datetime } ({ $zone })
chart-empty = Aucune donnée
zone-paris = Métropole (Paris)
zone-paris-short = Paris
zone-guadeloupe = Guadeloupe
zone-guadeloupe-short = Guadeloupe
zone-martinique = Martinique
zone-martinique-short = Martinique
zone-guyane = Guyane
zone-guyane-short = Guyane
zone-reunion = La Réunion
zone-reunion-short = La Réunion
zone-mayotte = Mayotte
zone-mayotte-short = Mayotte
zone-saint-pierre-et-miquelon = Saint-Pierre-et-Miquelon
zone-saint-pierre-et-miquelon-short = Saint-Pierre-et-Miquelon
zone-saint-barthelemy = Saint-Barthélemy
zone-saint-barthelemy-short = Saint-Barthélemy
zone-saint-martin = Saint-Martin
zone-saint-martin-short = Saint-Martin
zone-nouvelle-caledonie = Nouvelle-Calédonie
zone-nouvelle-caledonie-short = Nouméa
zone-tahiti = Polynésie française (Tahiti)
zone-tahiti-short = Tahiti
zone-marquises = Polynésie française (Marquises)
zone-marquises-short = Marquises
zone-gambier = Polynésie française (Gambier)
zone-gambier-short = Gambier
zone-wallis-et-futuna = Wallis-et-Futuna
zone-wallis-et-futuna-short = Wallis-et-Futuna
zone-taaf = Terres australes et antarctiques françaises (Kerguelen)
zone-taaf-short = Kerguelen
admin-identity = Connexion par l'employeur
admin-identity-provider = Les agents se connectent avec { $provider } : un nouvel agent est placé dans l'unité qui porte le SIRET de son organisation.
admin-identity-none = Aucun fournisseur d'identité n'est configuré (CAMPUS_OIDC_ISSUER) : seuls les comptes locaux existent.
admin-identity-default = Unité des agents dont le SIRET ne correspond à aucune unité
admin-identity-default-none = Aucune (ils attendent qu'on leur en donne une)
admin-identity-waiting = Agents en attente d'une unité : { $count }
admin-identity-waiting-help = Donnez à leur unité le SIRET de leur organisation, ou rattachez-les depuis la page des utilisateurs.

# Annuaire (import CSV, SCIM)
directory-title = Annuaire des agents
directory-intro = Chargez les agents et les unités depuis l'annuaire RH : un fichier CSV vérifié avant d'être appliqué, ou une synchronisation automatique SCIM (Entra ID, Keycloak…).
directory-import = Importer un fichier CSV
directory-format = Une ligne d'en-tête avec les colonnes email;prenom;nom;unite (obligatoires) et role;siret;identifiant (facultatives), séparées par « ; » ou « , », en UTF-8. L'unité est un code d'unité ou un chemin depuis le haut de l'arbre ; les unités manquantes du chemin sont créées. Rôles : agent, formateur ou rh.
directory-file = Fichier
directory-scope = Périmètre
directory-full-sync = Synchronisation complète : désactiver les agents du périmètre absents du fichier
directory-add-only = Ajout et mise à jour seulement
directory-check = Vérifier le fichier
directory-recent = Derniers imports
directory-none = Aucun import pour l'instant.
directory-applied = appliqué
directory-checked = vérifié, à appliquer
directory-has-problems = à corriger
directory-scim = Synchronisation SCIM
directory-scim-on = Le serveur SCIM 2.0 répond à { $url } (jetons de CAMPUS_SCIM_TOKENS) : renseignez cette adresse et un jeton dans votre annuaire.
directory-scim-off = La synchronisation SCIM est désactivée : l'administrateur du serveur l'active en définissant CAMPUS_SCIM_TOKENS.
directory-report = Rapport d'import
directory-checked-at = Vérifié le
directory-mode = Mode
directory-problems = { $count } problème(s) : rien n'a été importé
directory-fix-and-retry = Corriger le fichier et le vérifier à nouveau
directory-what-it-did = Ce que l'import a fait
directory-what-it-will-do = Ce que l'import va faire (rien n'est encore écrit)
directory-created = { $count } compte(s) créé(s)
directory-updated = { $count } compte(s) modifié(s)
directory-unchanged = { $count } compte(s) inchangé(s)
directory-reactivated = { $count } compte(s) réactivé(s)
directory-deactivated = { $count } compte(s) désactivé(s) (historique conservé)
directory-units-created = { $count } unité(s) créée(s)
directory-roles = { $count } rôle(s) donné(s)
directory-new-units = Unités créées
directory-deactivated-list = Comptes désactivés
directory-apply = Appliquer l'import
admin-account-status = État
admin-account-active = actif
admin-account-disabled = désactivé
admin-deactivate = Désactiver
admin-reactivate = Réactiver

# Confirmation de l'adresse, préférences de courriels
verify-title = Confirmer votre adresse
verify-explain = Cliquez sur le bouton pour confirmer votre adresse électronique et activer votre compte.
verify-confirm = Confirmer mon adresse
verify-dead = Ce lien ne fonctionne plus (déjà utilisé ou expiré) : demandez-en un nouveau depuis la page de connexion.
verify-resend-title = Vous n'avez pas reçu le lien de confirmation de votre adresse ?
verify-resend = Renvoyer le lien de confirmation
mail-prefs-title = Courriels
mail-prefs-intro = Les messages de sécurité (mot de passe oublié, confirmation d'adresse) sont toujours envoyés. Choisissez les autres :
mail-prefs-assignments = Avis de cours assignés, rappels avant l'échéance et avis de retard
mail-prefs-digest = Récapitulatif hebdomadaire RH (pour les RH)
mail-prefs-save = Enregistrer mes préférences
mail-prefs-off = L'envoi de courriels n'est pas configuré sur ce site.
verify-resend-email = Adresse du compte à confirmer

# Comptes : messages des formulaires (inscription, connexion, mot de passe, profil, rôles)
accounts-busy = Le service est très sollicité : réessayez dans quelques secondes.
accounts-sign-up-throttled = Trop d'inscriptions depuis cette adresse. Réessayez dans { $minutes } min.
accounts-too-many-requests = Trop de demandes. Réessayez dans { $minutes } min.
accounts-sign-in-throttled = Trop de tentatives de connexion. Réessayez dans { $seconds } s.
accounts-password-throttled = trop d'essais du mot de passe : réessayez dans { $seconds } s
accounts-work-address = utilisez votre adresse professionnelle ({ $domains })
accounts-choose-unit = choisissez votre service dans la liste
accounts-unit-gone = ce service n'existe plus : choisissez-en un autre
accounts-form-has-errors = Le formulaire contient des erreurs : corrigez les champs signalés.
accounts-email-taken = un compte existe déjà avec cette adresse : connectez-vous
accounts-created-check-mail = Votre compte est créé. Un message vient d'être envoyé à { $email } : suivez le lien qu'il contient (valable 24 heures) pour confirmer votre adresse, puis connectez-vous.
accounts-welcome = Bienvenue, { $name } : votre compte est créé.
accounts-verification-resent = Si un compte attend la confirmation de cette adresse, un nouveau lien vient de lui être envoyé (valable 24 heures).
accounts-address-confirmed = Votre adresse est confirmée : bienvenue sur Campus IA.
accounts-verification-link-dead = Ce lien ne fonctionne plus (déjà utilisé ou expiré) : demandez-en un nouveau ci-dessous.
accounts-confirm-address-first = Confirmez d'abord votre adresse : suivez le lien du message reçu à l'inscription (« Renvoyer le lien de confirmation » plus bas si vous ne le trouvez pas).
accounts-disabled = Ce compte est désactivé.
accounts-wrong-credentials = Adresse électronique ou mot de passe incorrect.
accounts-mail-off = L'envoi de courriels n'est pas configuré sur ce site : demandez à un administrateur de vous aider.
accounts-reset-sent = Si un compte avec mot de passe existe pour cette adresse, un message vient de lui être envoyé. Le lien qu'il contient est valable 30 minutes.
accounts-reset-link-dead = Ce lien ne fonctionne plus (déjà utilisé ou expiré) : demandez-en un nouveau.
accounts-password-unchanged = Le mot de passe n'a pas été modifié.
accounts-password-reset-done = Votre mot de passe est modifié et toutes vos sessions sont fermées : connectez-vous avec le nouveau.
accounts-signed-out = Vous êtes déconnecté.
accounts-name-saved = Votre nom est enregistré.
accounts-name-unchanged = Le nom n'a pas été modifié.
accounts-current-password-wrong = le mot de passe actuel est incorrect
accounts-password-changed = { $closed ->
    [0] Mot de passe modifié.
   *[other] Mot de passe modifié. Vos { $closed } autre(s) session(s) ont été fermées.
}
accounts-signed-out-everywhere = Toutes vos sessions sont fermées.
accounts-password-wrong = mot de passe incorrect
accounts-not-deleted = Le compte n'a pas été supprimé.
accounts-last-admin-delete = Vous êtes le seul administrateur : nommez-en un autre avant de supprimer votre compte.
accounts-deleted = Votre compte et vos données ont été supprimés.
accounts-role-unknown = Rôle inconnu.
accounts-role-needs-unit = Ce rôle s'exerce sur une unité : choisissez-la.
accounts-account-gone = Ce compte n'existe plus.
accounts-role-granted = Rôle attribué.
accounts-last-admin = Il doit rester au moins un administrateur.
accounts-role-revoked = Rôle retiré.
accounts-name-empty = indiquez votre nom
accounts-name-too-long = le nom ne doit pas dépasser { $max } caractères
accounts-password-too-short = le mot de passe doit compter au moins { $min } caractères
accounts-password-too-long = le mot de passe ne doit pas dépasser { $max } caractères
accounts-password-too-common = ce mot de passe fait partie des plus utilisés : choisissez-en un autre, par exemple une phrase de plusieurs mots
accounts-password-contains-email = le mot de passe ne doit pas reprendre votre adresse électronique
accounts-email-empty = l'adresse électronique est obligatoire
accounts-email-malformed = l'adresse électronique doit avoir la forme nom@domaine.fr
accounts-email-too-long = l'adresse électronique dépasse 254 caractères

# Unités de l'organisation (page d'administration)
units-created = Unité « { $name } » créée.
units-not-created = L'unité n'a pas été créée.
units-updated = Unité modifiée.
units-not-updated = L'unité n'a pas été modifiée : { $reason }.
units-name-empty = le nom de l'unité est obligatoire
units-name-too-long = le nom de l'unité dépasse { $max } caractères
units-unknown-parent = l'unité parente n'existe pas
units-cycle = une unité ne peut pas être déplacée sous elle-même ou sous une de ses sous-unités
units-invalid-siret = le SIRET « { $siret } » n'a pas 14 chiffres
units-siret-taken = le SIRET { $siret } est déjà celui d'une autre unité
units-unknown-time-zone = le fuseau horaire « { $zone } » n'existe pas : choisissez-en un dans la liste

# Espace formateur : messages des formulaires
authoring-not-editor = Vous n'êtes pas formateur de ce cours.
authoring-slug-invalid = lettres minuscules sans accent, chiffres et tirets, par exemple ia-et-courrier
authoring-slug-taken = un cours a déjà cette adresse
authoring-title-length = donnez un titre de 1 à { $max } caractères
authoring-course-not-created = Le cours n'a pas été créé.
authoring-course-created = Cours créé en brouillon : complétez-le puis publiez-le.
authoring-details-saved = Description enregistrée dans le brouillon.
authoring-module-needs-title = Module non ajouté : donnez-lui un titre.
authoring-module-file-exists = Module non ajouté : un fichier porte déjà ce nom.
authoring-module-added = Module ajouté.
authoring-module-moved = Module déplacé.
authoring-module-removed = Module retiré du brouillon.
authoring-module-action-impossible = Action impossible sur ce module.
authoring-module-not-in-draft = Ce module n'existe pas dans le brouillon.
authoring-module-too-large = Le module dépasse { $kilobytes } Ko.
authoring-module-not-saved-too-large = Non enregistré : le module dépasse { $kilobytes } Ko.
authoring-draft-saved = Brouillon enregistré.
authoring-nothing-to-publish = Rien à publier : le brouillon est identique à la version en ligne.
authoring-not-published = Non publié : le brouillon a { $errors } erreur(s), listées ci-dessous.
authoring-publish-done = Publié : version { $version } en ligne.
authoring-restored = Publié : identique à la version { $version }, remise en ligne.
authoring-unchanged = Le brouillon est identique à la version en ligne.
authoring-draft-discarded = Brouillon abandonné : vous voyez la version en ligne.
authoring-version-not-of-course = Cette version n'appartient pas à ce cours.
authoring-rolled-back = La version { $version } est de nouveau en ligne.
authoring-binary-file = (fichier binaire, { $bytes } octets)
authoring-stats-unpublished = Ce cours n'est pas encore publié : pas de statistiques.
authoring-report-resolved = Signalement marqué comme résolu.
authoring-editor-added = { $name } peut maintenant modifier ce cours.
authoring-editor-unknown = Aucun compte n'a l'adresse « { $email } ».
course-module-gone = Ce module n'existe plus.
report-kind-coquille = Coquille ou faute
report-kind-erreur = Information fausse ou dépassée
report-kind-accessibilite = Problème d'accessibilité
report-kind-autre = Autre problème
report-error-kind = choisissez le type de problème
report-error-message = décrivez le problème en 1 à { $max } caractères
report-not-sent = Signalement non envoyé.
report-sent = Merci : le signalement est transmis aux formateurs du cours.

# Connexion par l'employeur, annuaire, activation des comptes
identity-link-expired = Cette demande de liaison a expiré : connectez-vous à nouveau avec votre fournisseur d'identité.
identity-link-throttled = Trop de tentatives. Réessayez dans { $seconds } s.
identity-not-linked = Les comptes n'ont pas été reliés.
identity-link-expired-again = Cette demande de liaison a expiré : recommencez.
identity-linked = Vos comptes sont reliés : vous vous connecterez désormais avec votre fournisseur d'identité.
identity-default-unit-saved = Unité par défaut enregistrée.
oidc-no-provider = Aucun fournisseur d'identité n'est configuré.
oidc-unavailable = La connexion par votre fournisseur d'identité est momentanément indisponible : réessayez dans quelques instants, ou connectez-vous avec votre mot de passe.
oidc-expired = Cette connexion a expiré ou n'a pas été demandée ici : recommencez.
oidc-sign-in-required = Connectez-vous avec { $provider } ou avec votre mot de passe.
oidc-cancelled = La connexion a été annulée.
oidc-provider-refused = { $provider } a refusé la connexion : réessayez ou connectez-vous avec votre mot de passe.
oidc-incomplete = La réponse du fournisseur d'identité est incomplète : recommencez.
oidc-not-verified = La réponse du fournisseur d'identité n'a pas pu être vérifiée : la connexion est refusée. Recommencez.
oidc-refused-disabled = Ce compte est désactivé : adressez-vous à votre service des ressources humaines.
oidc-refused-no-email = Le fournisseur d'identité n'a pas transmis d'adresse électronique valide : Campus IA ne peut pas créer votre compte.
oidc-refused-linked-elsewhere = Un compte existe déjà avec cette adresse, relié à un autre fournisseur d'identité : demandez à un administrateur de les réunir.
oidc-refused-siret = Campus IA est ouvert ici aux agents des organisations de SIRET { $allowed }. Votre compte { $provider } est rattaché à l'organisation de SIRET « { $siret } ».
oidc-refused-domain = Campus IA est ouvert ici aux adresses des domaines { $allowed }. L'adresse transmise par { $provider } est « { $email } » (SIRET « { $siret } »).
oidc-siret-not-given = (non communiqué)
oidc-email-not-given = (non communiquée)
units-gone = Cette unité n'existe plus.
directory-whole-organisation = Toute l'organisation
directory-unit-number = unité { $id }
directory-import-gone = Cet import n'existe pas (ou plus : un import non appliqué est oublié au bout d'un jour).
directory-import-unknown = Cet import n'existe pas.
directory-file-has-problems = Ce fichier a des problèmes : corrigez-le et envoyez-le à nouveau.
directory-already-applied = Cet import a déjà été appliqué.
directory-nothing-imported = Rien n'a été importé : { $problems }
directory-import-applied = Import appliqué : { $summary }.
directory-summary = { $created } créé(s), { $updated } modifié(s), { $unchanged } inchangé(s), { $reactivated } réactivé(s), { $deactivated } désactivé(s), { $units } unité(s) créée(s), { $roles } rôle(s) donné(s), { $sirets } SIRET enregistré(s)
accounts-cannot-deactivate-self = Vous ne pouvez pas désactiver votre propre compte.
accounts-account-unknown = Ce compte n'existe pas.
accounts-reactivated = Compte réactivé.
accounts-deactivated = Compte désactivé : ses sessions sont fermées, il ne compte plus dans les tableaux RH ; son historique est conservé.

# Suivi RH : messages des filtres et des affectations
hr-unit-out-of-scope = Cette unité n'est pas dans votre périmètre RH.
hr-filter-unknown-status = statut inconnu « { $value } »
hr-filter-bad-due = échéance « { $value } » : une date AAAA-MM-JJ est attendue
hr-filter-unknown-sort = tri inconnu « { $value } »
hr-unknown-unit = unité « { $value } » inconnue
hr-no-unit = Aucune unité n'est rattachée à votre rôle RH.
hr-agent-unknown = Cet agent n'existe pas.
hr-agent-out-of-scope = Cet agent n'est dans aucune unité de votre périmètre.
hr-due-invalid = indiquez une date valide, au format AAAA-MM-JJ
hr-due-past = le { $date } est déjà passé : choisissez aujourd'hui ou une date à venir
hr-choose-course = choisissez un cours publié dans la liste
hr-note-too-long = la note dépasse { $max } caractères
hr-choose-unit = choisissez une unité
hr-unit-not-yours = cette unité n'est pas dans votre périmètre RH
hr-unknown-agents = aucun agent de votre périmètre n'a ces adresses : { $addresses }
hr-agents-needed = indiquez au moins une adresse électronique d'agent
hr-choose-target = choisissez une unité ou des agents
hr-assignment-not-saved = L'affectation n'a pas été enregistrée.
hr-assignments-saved = { $count ->
    [1] Affectation enregistrée.
   *[other] { $count } affectations enregistrées.
}
hr-assignment-gone = Cette affectation n'existe plus.
hr-assignment-out-of-scope = Cette affectation n'est pas dans votre périmètre RH.
hr-assignment-not-updated = Affectation non modifiée : { $reason }.
hr-assignment-updated = Affectation modifiée.
hr-assignment-withdrawn = Affectation retirée : les agents gardent leur progression.

# Atelier : refus des messages
practice-scenario-unknown = Scénario inconnu.
practice-message-not-sent = Message non envoyé.
practice-message-empty = écrivez votre demande avant de l'envoyer
practice-message-too-long = votre message dépasse { $max } caractères : raccourcissez-le
practice-personal-data-refused = votre message contient des données personnelles — { $found } : il n'a pas été envoyé à l'assistant externe. Retirez-les puis renvoyez-le
practice-personal-data-item = « { $text } » ({ $kind })
practice-assistant-unreachable = l'assistant externe ne répond pas ({ $detail })
practice-assistant-refused = l'assistant externe a refusé la demande (HTTP { $status }) : { $message }
practice-assistant-unreadable = la réponse de l'assistant externe est illisible ({ $detail })
practice-assistant-failed = { $reason } : réessayez dans quelques instants
practice-rate-limited = vous avez envoyé { $count } messages en une minute : patientez un instant
practice-conversation-full = cette conversation a atteint { $count } messages : effacez-la pour recommencer

# Quiz et exercices : refus
quiz-gone = Ce quiz n'existe plus dans la version actuelle du module.
quiz-answer-too-long = Une réponse dépasse { $max } caractères : raccourcissez-la.
quiz-no-attempts-left = Vous avez utilisé tous vos essais pour ce quiz : votre meilleur résultat est conservé.
exercise-gone = Cet exercice n'existe plus dans la version actuelle du module.
exercise-text-too-long = Votre texte dépasse { $max } caractères : raccourcissez-le.
exercise-text-empty = Le texte est vide : écrivez votre demande (ou gardez le document à modifier) avant de l'envoyer.
exercise-rate-limited = Vous avez envoyé { $count } essais en une minute : prenez le temps de relire la correction.
exercise-daily-limit = Vous avez fait { $count } essais de cet exercice aujourd'hui : reprenez-le demain.

# Attestations, préférences de courriels, accès xAPI
attestation-reason-needed = indiquez pourquoi l'attestation est révoquée
attestation-reason-too-long = le motif ne doit pas dépasser { $max } caractères
attestation-not-revoked = L'attestation n'a pas été révoquée.
attestation-revocation-unknown = Cette attestation n'existe pas ou est déjà révoquée.
attestation-revocation-done = Attestation révoquée.
mail-prefs-saved = Préférences de courriels enregistrées.
admin-xapi-label-length = donnez un nom de 1 à { $max } caractères (le système qui lira les données)
admin-xapi-choose-unit = choisissez l'unité dont les données seront lisibles
admin-xapi-not-created = L'accès n'a pas été créé.
admin-xapi-created-with-key = Accès créé. Identifiant : { $key }.
admin-xapi-revoked-done = Accès révoqué : il ne permet plus de lire les données.

# Dates en toutes lettres (courriels)
month-long-1 = janvier
month-long-2 = février
month-long-3 = mars
month-long-4 = avril
month-long-5 = mai
month-long-6 = juin
month-long-7 = juillet
month-long-8 = août
month-long-9 = septembre
month-long-10 = octobre
month-long-11 = novembre
month-long-12 = décembre
date-long = { $day ->
    [1] 1er
   *[other] { $day }
} { $month } { $year }

# Problèmes d'un fichier d'agents (import de l'annuaire)
import-problem-line = ligne { $line } : { $problem }
import-problem-file = fichier : { $problem }
import-file-too-large = le fichier dépasse { $megabytes } Mo
import-not-utf8 = le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 » depuis votre tableur)
import-unreadable-header = en-tête illisible : { $detail }
import-unknown-column = colonne « { $name } » inconnue (attendu : { $expected } ; facultatif : { $optional })
import-duplicate-column = colonne « { $name } » en double
import-missing-column = colonne obligatoire « { $name } » absente de l'en-tête (séparateur lu : « { $delimiter } »)
import-too-many-problems = plus de { $max } problèmes : vérifiez qu'il s'agit du bon fichier
import-unreadable-line = ligne illisible : { $detail }
import-invalid-email = { $reason } (« { $value } »)
import-given-name-empty = le prénom est vide
import-family-name-empty = le nom est vide
import-given-name-too-long = le prénom dépasse { $max } caractères
import-family-name-too-long = le nom dépasse { $max } caractères
import-malformed-unit = l'unité est vide ou mal écrite (« { $value } » ; un code, ou un chemin « Direction / Service »)
import-admin-role = le rôle administrateur ne s'importe pas : donnez-le depuis la page d'administration
import-unknown-role = rôle « { $value } » inconnu (agent, formateur ou rh)
import-malformed-siret = le SIRET « { $value } » n'a pas 14 chiffres
import-duplicate-email = l'adresse { $email } figure déjà ligne { $first }
import-duplicate-identifier = l'identifiant { $id } figure déjà ligne { $first }
import-no-agents = le fichier ne contient aucun agent après l'en-tête
import-siret-taken = le SIRET { $siret } est déjà celui de l'unité « { $unit } »
import-unit-has-other-siret = l'unité « { $unit } » a déjà le SIRET { $other }, pas { $siret }
import-agent-out-of-scope = { $email } est un agent de l'unité « { $unit } », hors de votre périmètre
import-email-of-another-account = l'adresse { $email } est celle d'un autre compte que celui de l'identifiant { $id }
import-same-agent-twice = { $email } désigne le même agent qu'une ligne précédente (adresse ou identifiant)
import-unit-name-too-long = le nom d'unité « { $name } » dépasse { $max } caractères
import-unknown-unit-code = aucune unité n'a le code « { $reference } », et aucune unité de premier niveau ne porte ce nom (pour en créer une, écrivez son chemin : « Parent / { $reference } »)
import-unit-outside-scope = l'unité « { $reference } » n'existe pas, et elle ne peut être créée que dans votre périmètre
import-empty-unit = l'unité est vide
import-unit-out-of-scope = l'unité « { $unit } » est hors de votre périmètre

# Vérification des cours et des scénarios (`courses check`, espace formateur) : problèmes trouvés dans les fichiers
course-check-folder-name-invalid = nom de dossier « { $folder } » invalide : minuscules sans accent, chiffres et tirets seulement
course-check-manifest-missing = fichier course.toml manquant : chaque cours a sa fiche
course-check-not-utf8 = le fichier n'est pas en UTF-8
course-check-course-title-empty = le titre du cours est vide
course-check-course-summary-empty = le résumé du cours est vide
course-check-audience-missing = indiquez le public visé (audience = "…")
course-check-level-unknown = niveau « { $level } » inconnu (niveaux possibles : debutant, intermediaire, avance)
course-check-theme-invalid = thème « { $theme } » invalide : minuscules sans accent, chiffres et tirets
course-check-course-objectives-missing = le cours n'a pas d'objectifs (objectives = ["…"])
course-check-min-percent-without-rule = min_percent ne s'utilise qu'avec rule = "min-percent"
course-check-min-percent-range = avec rule = "min-percent", indiquez min_percent entre 1 et 100
course-check-completion-rule-unknown = règle d'achèvement « { $rule } » inconnue (règles possibles : all-modules, min-percent)
course-check-no-modules = le cours n'a aucun module (modules = ["01-….md"])
course-check-module-not-markdown = module « { $file } » : indiquez un fichier .md du dossier du cours
course-check-module-not-found = le module « { $file } » est introuvable dans le dossier du cours
course-check-module-file-name-invalid = nom de fichier « { $file } » invalide : minuscules sans accent, chiffres et tirets (ex. 01-introduction.md)
course-check-module-address-reserved = « { $file } » : l'adresse « fichiers » est réservée aux documents du cours, renommez le fichier
course-check-module-listed-twice = le module « { $file } » est listé deux fois
course-check-module-address-taken = deux modules ont la même adresse « { $slug } » : renommez l'un des fichiers
course-check-module-not-listed = ce fichier n'est pas listé dans modules de course.toml : il ne sera pas publié
course-check-file-too-large = fichier trop lourd ({ $megabytes } Mo ; { $max } Mo au plus)
course-check-file-content-mismatch = le contenu du fichier ne correspond pas à son extension ({ $type })
course-check-file-type-unsupported = type de fichier non pris en charge (images PNG, JPEG, GIF, WebP, SVG ; documents .md, .txt, .pdf) : il ne sera pas publié
course-check-front-matter-missing = le module doit commencer par un en-tête entre deux lignes « +++ » (title, duration…)
course-check-front-matter-unclosed = l'en-tête n'est pas fermé : ajoutez une ligne « +++ » après ses champs
course-check-module-title-empty = le titre du module est vide
course-check-duration-invalid = durée invalide ({ $minutes } min) : indiquez une durée entre 1 et { $max } minutes
course-check-module-objectives-missing = le module n'a pas d'objectifs (objectives = ["…"])
course-check-pass-mark-range = pass_mark est un pourcentage entre 1 et 100
course-check-max-attempts-zero = max_attempts vaut au moins 1 (retirez la ligne pour des essais illimités)
course-check-toml-unknown-field = champ inconnu « { $field } » (champs possibles : { $expected })
course-check-toml-missing-field = champ obligatoire manquant : « { $field } »
course-check-toml-expected-text = valeur du mauvais type : il faut un texte entre guillemets
course-check-toml-expected-list = valeur du mauvais type : il faut une liste entre crochets [ … ]
course-check-toml-expected-boolean = valeur du mauvais type : il faut true ou false
course-check-toml-expected-integer = valeur du mauvais type : il faut un nombre entier
course-check-toml-expected-other = valeur du mauvais type : il faut { $expected }
course-check-toml-duplicate-key = clé en double : { $key }
course-check-toml-syntax = syntaxe TOML invalide : { $detail }
course-check-quiz-question-empty = la question est vide : écrivez son texte après « ? »
course-check-quiz-starts-without-question = le quiz doit commencer par une question (« ? Votre question »)
course-check-quiz-option-malformed = option mal formée : commencez par « - ( ) », « - (x) » (choix unique) ou « - [ ] », « - [x] » (choix multiples)
course-check-quiz-option-empty = l'option n'a pas de texte
course-check-quiz-feedback-misplaced = un retour « > » doit suivre une option, en retrait de deux espaces
course-check-quiz-explanation-twice = la question a déjà une explication « ! »
course-check-quiz-short-answer-empty = réponse courte vide : séparez les formulations acceptées par « | »
course-check-quiz-answer-line-twice = la question a déjà une ligne de réponse « = »
course-check-quiz-line-unknown = ligne non reconnue dans le quiz : « { $line } » (une ligne commence par ?, -, >, ! ou =)
course-check-quiz-no-question = le quiz ne contient aucune question
course-check-quiz-no-options-or-answer = la question n'a ni options (« - ( ) », « - [ ] ») ni réponse attendue (« = »)
course-check-quiz-options-and-answer = une question a soit des options, soit une réponse courte « = », pas les deux
course-check-quiz-options-mixed = options mélangées : utilisez « ( ) » (choix unique) ou « [ ] » (choix multiples), pas les deux
course-check-quiz-single-no-correct = la question n'a aucune bonne réponse (marquez-en une avec « (x) »)
course-check-quiz-single-several-correct = une question à choix unique a une seule bonne réponse : utilisez « [x] » pour des choix multiples
course-check-quiz-too-few-options = la question doit proposer au moins deux options
course-check-quiz-multiple-no-correct = la question n'a aucune bonne réponse (cochez-en au moins une avec « [x] »)
course-check-quiz-feedback-missing = certaines options n'ont pas de retour « > » : expliquez pourquoi chaque option est juste ou fausse
course-check-quiz-explanation-missing = la question n'a pas d'explication « ! » à afficher après la réponse
course-check-image-without-address = image sans adresse
course-check-link-without-address = lien sans adresse
course-check-image-external = image externe « { $address } » : placez l'image dans le dossier images/ du cours (rien n'est chargé depuis un autre site)
course-check-link-scheme-forbidden = lien non autorisé (« { $scheme }: ») : utilisez une adresse https://, mailto: ou tel:
course-check-image-outside-folder = image « { $address } » : indiquez un chemin dans le dossier du cours, par exemple images/schema.png
course-check-link-outside-course = lien « { $address } » hors du cours : pour un autre cours, utilisez l'adresse /cours/nom-du-cours
course-check-link-module-missing = lien cassé : le module « { $path } » n'existe pas ou n'est pas listé dans course.toml
course-check-image-not-found = image introuvable : « { $path } » n'existe pas dans le dossier du cours
course-check-link-file-not-found = lien cassé : « { $path } » n'existe pas dans le dossier du cours
course-check-image-alt-missing = image sans texte de remplacement : décrivez ce qu'elle apporte entre les crochets ![…](…)
course-check-heading-empty = intertitre vide
course-check-heading-level-one = titre de niveau 1 (#) dans le texte : le titre du module vient de l'en-tête ; commencez par ##{" "}
course-check-heading-level-skipped = niveau de titre sauté : un titre de niveau { $level } suit un titre de niveau { $previous } (utilisez { $expected })
course-check-html-by-hand = HTML écrit à la main : il est filtré à l'affichage, préférez la syntaxe Markdown
course-check-block-nested = le bloc « { $block } » doit être au premier niveau du texte, pas dans une liste ou une citation
course-check-block-french-name = écrivez « ```exercise » (nom anglais du bloc)
course-check-exercise-title-missing = l'exercice n'a pas de titre (title = "…")
course-check-exercise-instructions-missing = l'exercice n'a pas de consigne (instructions = "…")
course-check-exercise-document-not-found = le document « { $path } » est introuvable dans le dossier du cours
course-check-exercise-criterion-twice = le critère « { $criterion } » est en double
course-check-exercise-criterion-unknown = critère inconnu « { $criterion } » (critères possibles : { $known })
course-check-exercise-prompt-needs-criteria = un exercice « prompt » liste au moins un critère (criteria = ["task", …])
course-check-exercise-field-misplaced = le champ « { $field } » ne s'applique pas aux exercices « { $kind } »
course-check-exercise-anonymize-needs-document = un exercice « anonymize » indique le document à anonymiser (document = "documents/…")
course-check-exercise-keep-not-in-document = « { $word } » (champ keep) n'apparaît pas dans le document
course-check-exercise-hallucination-needs-question = un exercice « hallucination » indique la question posée à l'assistant (question = "…")
course-check-exercise-statement-empty = une affirmation est vide (text = "…")
course-check-exercise-statement-unexplained = l'affirmation « { $statement } » n'a pas d'explication (explanation = "…")
course-check-exercise-too-few-statements = un exercice « hallucination » propose au moins deux affirmations ([[statements]])
course-check-exercise-no-wrong-statement = aucune affirmation n'est marquée fausse (wrong = true)
course-check-exercise-kind-unknown = type d'exercice inconnu « { $kind } » (types possibles : prompt, anonymize, hallucination)
course-check-scenario-file-name-invalid = nom de fichier invalide : minuscules sans accent, chiffres et tirets, extension .toml (ex. 01-repondre-a-un-usager.toml)
course-check-scenario-title-empty = le titre du scénario est vide
course-check-scenario-situation-short = décrivez la situation en quelques phrases (qui vous êtes, ce qui s'est passé, ce qu'il faut demander à l'assistant)
course-check-scenario-needs-criteria = indiquez au moins un critère attendu (criteria = ["task", …])
course-check-scenario-criterion-twice = le critère « { $criterion } » est listé deux fois
course-check-scenario-criterion-unknown = critère « { $criterion } » inconnu (critères possibles : { $known })
course-check-scenario-failure-twice = l'erreur « { $failure } » est listée deux fois
course-check-scenario-failure-unknown = erreur d'IA « { $failure } » inconnue (possibles : { $known })
course-check-scenario-injection-needs-document = « prompt-injection » demande un document qui contient une consigne adressée à l'assistant (par exemple « Ignorez les consignes précédentes et indiquez que … »)
course-check-scenario-module-missing = rattachez le scénario au module qu'il fait pratiquer (module = "cours/module")
course-check-scenario-module-reference-invalid = module « { $reference } » : écrivez l'adresse du module, « dossier-du-cours/adresse-du-module » (ex. bien-formuler-une-demande/les-ingredients-d-une-demande)
course-check-scenario-course-not-found = le cours « { $course } » est introuvable dans { $folder }
course-check-scenario-course-has-errors = le cours « { $course } » contient des erreurs : corrigez-le d'abord
course-check-scenario-module-not-in-course = le cours « { $course } » n'a pas de module « { $module } » (modules : { $modules })
course-check-scenario-not-toml = seuls les fichiers .toml sont des scénarios : ce fichier est ignoré
course-check-scenario-address-taken = deux scénarios ont la même adresse « { $slug } » : renommez l'un des fichiers
# A problem of the course check: its kind (error, warning), then what it says.
authoring-diagnostic = { $kind } : { $message }

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

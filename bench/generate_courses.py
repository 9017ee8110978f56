#!/usr/bin/env python3
"""Writes COURSES course folders of MODULES modules each, shaped like real modules (headings,
lists, a table, a callout, footnotes, a quiz and an exercise), for the import benchmark."""
import os
import sys

out, courses, modules = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
paragraph = (
    "Un assistant conversationnel produit un texte plausible à partir de votre demande ; "
    "il ne vérifie pas les faits. Relisez, vérifiez les références et gardez la décision. "
) * 6

for c in range(courses):
    folder = os.path.join(out, f"cours-{c:03d}")
    os.makedirs(os.path.join(folder, "documents"), exist_ok=True)
    names = [f"{m + 1:02d}-module-{m + 1}.md" for m in range(modules)]
    with open(os.path.join(folder, "course.toml"), "w") as f:
        f.write(f'title = "Cours de charge {c}"\nsummary = "Cours généré pour mesurer l\'import."\n'
                f'audience = "Agents"\nlevel = "debutant"\nthemes = ["charge"]\nobjectives = ["Mesurer"]\n'
                f'modules = [{", ".join(repr(n).replace(chr(39), chr(34)) for n in names)}]\n')
    with open(os.path.join(folder, "documents", "lettre.md"), "w") as f:
        f.write("Données fictives. Mme Durand écrit au sujet de son loyer.\n")
    for m, name in enumerate(names):
        nxt = names[(m + 1) % len(names)]
        sections = "\n".join(
            f"## Partie {s}\n\n{paragraph}\n\n### Détail {s}\n\n- point un\n- point **deux**\n- [le module suivant]({nxt})\n\n"
            f"| Colonne | Valeur |\n| --- | --- |\n| a | {s} |\n\n> [!TIP]\n> Astuce {s}[^n{s}].\n\n[^n{s}]: Source {s}.\n"
            for s in range(1, 6)
        )
        with open(os.path.join(folder, name), "w") as f:
            f.write(f'+++\ntitle = "Module {m + 1}"\nduration = 12\nobjectives = ["Comprendre"]\n+++\n\n{sections}\n'
                    "```quiz\n? Une question ?\n- (x) Oui\n  > Bien.\n- ( ) Non\n  > Non.\n! Parce que.\n\n"
                    "? Une autre ?\n= réponse | variante\n! Explication.\n```\n\n"
                    '```exercise\nkind = "anonymize"\ntitle = "Anonymiser"\ninstructions = "Retirez."\n'
                    'document = "documents/lettre.md"\nkeep = ["loyer"]\n```\n')

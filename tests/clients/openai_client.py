"""The official `openai` Python package (from PyPI) against Campus IA's /v1 endpoint, as an IT
team or an agent would use it: list and retrieve the model, complete, stream with usage, and the
errors a client must be able to tell apart (401, 404 for a model, 422 for a bad request).

Usage: python openai_client.py BASE_URL TOKEN   (BASE_URL ends with /v1)
Prints one line per check and "N passed, N failed"; exits non-zero when a check fails.
"""
import sys

import openai
from openai import OpenAI

base_url, token = sys.argv[1], sys.argv[2]
client = OpenAI(base_url=base_url, api_key=token, max_retries=0, timeout=20)
MODEL = "campus-ia-simule"
results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(f"{'ok  ' if condition else 'FAIL'} {name}{'' if condition else ' — ' + str(detail)}")


def raises(error_type, call):
    try:
        call()
    except error_type as error:
        return error
    except Exception as error:  # noqa: BLE001 - reported as the wrong error
        return f"{type(error).__name__}: {error}"
    return None


models = client.models.list()
check("models.list names the simulated model", [m.id for m in models.data] == [MODEL], models)
model = client.models.retrieve(MODEL)
check("models.retrieve returns the model", model.id == MODEL and model.object == "model", model)
missing = raises(openai.NotFoundError, lambda: client.models.retrieve("gpt-inconnu"))
check("models.retrieve of an unknown model is a 404", isinstance(missing, openai.NotFoundError), missing)
if isinstance(missing, openai.NotFoundError):
    check("the 404 has OpenAI's error shape", missing.body.get("code") == "model_not_found", missing.body)

report = ("La chambre régionale des comptes a examiné la gestion de la commune de 2019 à 2023. "
          "Les dépenses de personnel ont augmenté de 18 % sur la période. "
          "La commune n'a pas de plan pluriannuel d'investissement. "
          "Le rapport recommande d'adopter ce plan avant la fin de 2025. "
          "La salle des fêtes a été rénovée.")
completion = client.chat.completions.create(
    model=MODEL,
    messages=[
        {"role": "system", "content": "Tu es chargé de mission auprès du maire. Réponds toujours en 2 points."},
        {"role": "user", "content": [{"type": "text", "text": f"Résume ce rapport pour les élus : « {report} »"}]},
    ],
    temperature=0.2,
)
text = completion.choices[0].message.content
points = [line for line in text.splitlines() if line.startswith("- ")]
check("a completion is a chat.completion from the assistant", completion.object == "chat.completion" and completion.choices[0].message.role == "assistant", completion)
check("the system message sets the format (2 points)", len(points) == 2, text)
check("the summary is made of the pasted text", all(p[2:] in report for p in points), points)
check("content given as an array of text parts is read", "18 %" in text or "plan" in text, text)
check("usage is counted", completion.usage.total_tokens == completion.usage.prompt_tokens + completion.usage.completion_tokens > 0, completion.usage)

legal = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Quels articles de loi obligent la mairie à répondre aux courriers ?"}])
legal_text = legal.choices[0].message.content
check("a reference asked without a source is invented, then debriefed", "Référence juridique inventée" in legal_text and "Légifrance" in legal_text, legal_text)

chunks = list(client.chat.completions.create(
    model=MODEL,
    messages=[{"role": "user", "content": "Traduis en anglais : « La mairie est fermée le lundi matin pour travaux. »"}],
    stream=True,
    stream_options={"include_usage": True},
))
streamed = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
check("a stream carries the answer", "The town hall is closed" in streamed, streamed)
check("the last chunk carries the usage and no choice", chunks[-1].choices == [] and chunks[-1].usage is not None and chunks[-1].usage.total_tokens > 0, chunks[-1])
check("the other chunks have no usage", all(c.usage is None for c in chunks[:-1]), [c.usage for c in chunks[:-1]])

wrong_token = OpenAI(base_url=base_url, api_key="pas-le-bon-jeton", max_retries=0, timeout=20)
unauthorised = raises(openai.AuthenticationError, lambda: wrong_token.models.list())
check("a wrong token is a 401", isinstance(unauthorised, openai.AuthenticationError), unauthorised)
unknown = raises(openai.NotFoundError, lambda: client.chat.completions.create(model="gpt-inconnu", messages=[{"role": "user", "content": "Bonjour"}]))
check("a completion on an unknown model is a 404", isinstance(unknown, openai.NotFoundError), unknown)
empty = raises(openai.UnprocessableEntityError, lambda: client.chat.completions.create(model=MODEL, messages=[]))
check("an empty conversation is a 422", isinstance(empty, openai.UnprocessableEntityError), empty)
image = raises(openai.UnprocessableEntityError, lambda: client.chat.completions.create(
    model=MODEL, messages=[{"role": "user", "content": [{"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}]))
check("a non-text part is refused with a clear 422", isinstance(image, openai.UnprocessableEntityError) and "texte" in str(image), image)

passed = sum(results)
print(f"{passed} passed, {len(results) - passed} failed")
sys.exit(0 if passed == len(results) else 1)

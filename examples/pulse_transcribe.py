"""Speech-to-text with Waves Pulse. Open this file to see API Doctor's findings in Python."""
import os
import time

import requests

PULSE_URL = "https://waves-api.smallest.ai/api/v1/pulse/get_text"
WAVES_API_KEY = os.environ["WAVES_API_KEY"]


def transcribe(path: str) -> str:
    with open(path, "rb") as audio:
        data = audio.read()
    # retry-without-backoff: the wait never grows, so a 429 is hit again and again.
    for attempt in range(5):
        # key-in-url: the key travels in the query string.
        res = requests.post(f"{PULSE_URL}?language=en&api_key={WAVES_API_KEY}", data=data)
        if res.status_code == 429:
            time.sleep(1)
            continue
        res.raise_for_status()
        return res.json()["text"]
    raise RuntimeError("Pulse kept answering 429")

from django.urls import path

from tillit.surveys.views import public

app_name = "surveys_public"

urlpatterns = [path("<str:key>/", public.answer, name="answer")]

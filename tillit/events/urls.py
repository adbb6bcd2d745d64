from django.urls import path

from tillit.events import views

app_name = "events"
urlpatterns = [
    path("", views.event_list_view, name="event_list"),
    path("rapportera/", views.report, name="report"),
    path("mina-uppgifter/", views.tasks, name="my_tasks"),
    path("<int:pk>/", views.event_detail, name="event_detail"),
    path("<int:pk>/anteckning/", views.entry_add, name="entry_add"),
    path("<int:pk>/status/<slug:code>/", views.transition, name="transition"),
]
